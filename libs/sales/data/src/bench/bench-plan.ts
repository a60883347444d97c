import type { GenerateOptions } from '../generate/generate-snapshot.ts';
import type { IngestOptions } from '../ingest/ingest.ts';

/** Data sizes the benchmark runs: the default snapshot and one of about ten million train.csv rows. */
export const benchSizes = {
  default: {},
  '10m': { stores: 10, items: 2000 },
} as const satisfies Record<string, Partial<GenerateOptions>>;
export type BenchSize = keyof typeof benchSizes;

/** The ingest runs per size: the whole file, and the classic extract (one store, the last year) streamed out of it. */
export const benchIngests = {
  all: {},
  'one-store': { filter: { stores: [44], from: '2016-08-16' } },
} as const satisfies Record<string, Partial<IngestOptions>>;
export type BenchIngest = keyof typeof benchIngests;

/** What bench-stage.ts prints for one stage, and bench.ts reads back. */
export interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  peakMiB: number;
  phases: Record<string, number>;
}
