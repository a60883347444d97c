import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@cd4ml/cli';
import { primaryOf } from '@cd4ml/evaluation';
import { readYamlFile } from '@cd4ml/fs';
import { loadArtifact } from '@cd4ml/model-artifact';
import { stringify } from 'yaml';
import { z } from 'zod';
import { expandGrid, setPath, type GridAxis } from './param-grid.ts';

/** One trained point of a grid. */
export interface GridPoint {
  settings: Record<string, string | number | boolean>;
  runId: string;
  modelVersion: string;
  /** Label of the primary metric, e.g. "WRMSLE". */
  metric: string;
  value: number;
  /** Improvement over the reference baseline, as a fraction. */
  improvement: number;
  trees: number;
  seconds: number;
}

/**
 * Trains one model per combination of the `--set` axes, each with the base params plus the
 * combination, by running the project's own train command (`{params}` and `{out}` filled in), which
 * records each run; returns the points best first by the primary metric.
 *
 * @param o.train the train stage's command, e.g. "tsx .../train/cli.ts --data ... --params {params} --out {out} --runs registry/runs"
 */
export async function runGrid(o: { train: string; paramsPath: string; axes: readonly GridAxis[] }): Promise<GridPoint[]> {
  if (!o.train.includes('{params}') || !o.train.includes('{out}')) throw new CliError('EARG', `the train command must contain {params} and {out}: ${o.train}`);
  const base = await readYamlFile(o.paramsPath, z.record(z.string(), z.unknown()), { what: 'params file' });
  const combos = expandGrid(o.axes);
  for (const c of combos) for (const [path, value] of Object.entries(c)) setPath(structuredClone(base), path, value); // fail fast on typos
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-grid-'));
  try {
    const points: GridPoint[] = [];
    for (const [i, settings] of combos.entries()) {
      const params = structuredClone(base);
      for (const [path, value] of Object.entries(settings)) setPath(params, path, value);
      const paramsPath = join(root, `params-${i + 1}.yaml`);
      const out = join(root, `model-${i + 1}`);
      await writeFile(paramsPath, stringify(params));
      console.log(`grid ${i + 1}/${combos.length}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      await sh(o.train.replaceAll('{params}', paramsPath).replaceAll('{out}', out));
      const { card } = await loadArtifact(out, { spec: z.unknown() });
      const value = primaryOf(card.metrics.validation, card.metrics);
      const reference = primaryOf(card.metrics.baselines[card.metrics.referenceBaseline] ?? {}, card.metrics);
      points.push({ settings, runId: card.runId, modelVersion: card.modelVersion, metric: card.metrics.label, value, improvement: 1 - value / reference, trees: card.training.trees, seconds: card.training.durationMs / 1000 });
    }
    return points.sort((a, b) => a.value - b.value);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs one command through the shell; its output goes to this process's stderr, so stdout keeps the table. */
async function sh(command: string): Promise<void> {
  const child = spawn(command, { shell: true, stdio: ['ignore', process.stderr, 'inherit'] });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new CliError('TRAIN_FAILED', `the train command exited with code ${code}: ${command}`);
}
