/**
 * Runs one data stage in its own process and prints one JSON line with its phases' seconds and the
 * process's peak memory, so each stage's peak is measured alone. Used by bench.ts only:
 *   bench-stage.ts generate <size> <out> | ingest <all|one-store> <raw> <out> | validate <raw> <processed>
 */
import { generateSnapshot } from '../generate/generate-snapshot.ts';
import { ingest } from '../ingest/ingest.ts';
import { validateSnapshot } from '../validate/validate-snapshot.ts';
import { benchIngests, benchSizes, type BenchIngest, type BenchSize, type StageResult } from './bench-plan.ts';

const [stage = '', ...args] = process.argv.slice(2);
const oneOf = <K extends string>(choices: Readonly<Record<K, unknown>>, value: string | undefined): K => {
  if (value === undefined || !Object.hasOwn(choices, value)) throw new Error(`expected one of ${Object.keys(choices).join(', ')}, got ${value}`);
  return value as K;
};
const phases: Record<string, number> = {};
const started = performance.now();
let rows: number;
if (stage === 'generate') {
  const [size, out = ''] = args;
  const manifest = await generateSnapshot(out, benchSizes[oneOf<BenchSize>(benchSizes, size)]);
  rows = manifest.files['train.csv']?.rows ?? 0;
} else if (stage === 'ingest') {
  const [run, raw = '', out = ''] = args;
  const report = await ingest(raw, out, benchIngests[oneOf<BenchIngest>(benchIngests, run)], { onPhase: (name, ms) => (phases[name] = ms / 1000) });
  rows = report.rows.in;
} else if (stage === 'validate') {
  const [raw = '', processed = ''] = args;
  rows = (await validateSnapshot(raw, { processedDir: processed })).profile.rows;
} else {
  throw new Error(`unknown stage ${stage}`);
}
const result: StageResult = { stage, rows, seconds: (performance.now() - started) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024, phases };
process.stdout.write(`${JSON.stringify(result)}\n`);
