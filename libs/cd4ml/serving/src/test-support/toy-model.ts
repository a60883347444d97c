import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateReport } from '@cd4ml/model-artifact';
import { z } from 'zod';
import type { VerifiedModel } from '../readiness/readiness.ts';

const SHA = 'a'.repeat(64);

/** What a toy model's gate report says: passed, failed (which gates), absent, or written for another model.onnx. */
export type ToyGates = 'passed' | 'failed' | 'none' | 'another model';

/** A loaded, verified model as the platform sees it, without ONNX: it predicts 2·x. */
export interface ToyModel extends VerifiedModel {
  predict(x: number): number;
  closed: boolean;
}

/** A toy model in `dir`, version `toy-1`, with the gate report `gates` describes. */
export function toyModel(dir: string, gates: ToyGates = 'passed'): ToyModel {
  const results = [
    { gate: 'threshold', passed: gates !== 'failed', figure: 1, bar: 2, comparison: '<=' as const, summary: 'error under the bar' },
    { gate: 'slice-error', passed: gates !== 'failed', figure: 1, bar: 2, comparison: '<=' as const, summary: 'every slice under the bar' },
  ];
  const report: GateReport = {
    name: 'toy',
    modelVersion: 'toy-1',
    modelSha256: gates === 'another model' ? 'f'.repeat(64) : SHA,
    metric: { name: 'rmse', value: 1 },
    rawDataVersion: SHA,
    processedDataVersion: SHA,
    passed: gates !== 'failed',
    results,
  };
  return {
    dir,
    card: { modelVersion: 'toy-1', rawDataVersion: 'b'.repeat(64), processedDataVersion: 'c'.repeat(64), onnx: { sha256: SHA } },
    gates: gates === 'none' ? null : report,
    predict: (x) => 2 * x,
    closed: false,
    close() {
      this.closed = true;
      return Promise.resolve();
    },
  };
}

/** Loads the toy model a folder's `toy.json` describes (`{ "gates": "passed" }`); throws naming the folder without one. */
export async function loadToyModel(dir: string): Promise<ToyModel> {
  const text = await readFile(join(dir, 'toy.json'), 'utf8').catch(() => {
    throw new Error(`no model in ${dir} (no toy.json)`);
  });
  const { gates } = z.object({ gates: z.enum(['passed', 'failed', 'none', 'another model']) }).parse(JSON.parse(text));
  return toyModel(dir, gates);
}
