import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegressionMetrics } from '@cd4ml/evaluation';
import { parse, stringify } from 'yaml';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { expandGrid, setPath, type GridAxis } from './param-grid.ts';

/** One trained point of a grid. */
export interface GridPoint {
  settings: Record<string, string | number | boolean>;
  runId: string;
  modelVersion: string;
  nwrmsle: number;
  seasonalNaive: number;
  trees: number;
  seconds: number;
}

/**
 * Trains one model per combination of the `--set` axes, each with the committed params plus the
 * combination, records every run in the tracking store, and returns them best first.
 */
export async function runGrid(o: { dataDir: string; paramsPath: string; axes: GridAxis[]; runsDir: string; outRoot?: string }): Promise<GridPoint[]> {
  const base = parse(await readFile(o.paramsPath, 'utf8')) as Record<string, unknown>;
  const combos = expandGrid(o.axes);
  for (const c of combos) for (const [path, value] of Object.entries(c)) setPath(structuredClone(base), path, value); // fail fast on typos
  const root = o.outRoot ?? (await mkdtemp(join(tmpdir(), 'cd4ml-grid-')));
  const points: GridPoint[] = [];
  for (const [i, settings] of combos.entries()) {
    const params = structuredClone(base);
    for (const [path, value] of Object.entries(settings)) setPath(params, path, value);
    const paramsPath = join(root, `params-${i + 1}.yaml`);
    await writeFile(paramsPath, stringify(params));
    console.log(`grid ${i + 1}/${combos.length}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    const card = await trainSalesModel({ dataDir: o.dataDir, paramsPath, outDir: join(root, `model-${i + 1}`), runsDir: o.runsDir });
    const m = card.metrics as Record<string, RegressionMetrics>;
    const t = card.training as { trees: number; durationMs: number };
    points.push({ settings, runId: card.runId, modelVersion: card.modelVersion, nwrmsle: m['validation']!.nwrmsle, seasonalNaive: m['seasonalNaive']!.nwrmsle, trees: t.trees, seconds: t.durationMs / 1000 });
  }
  return points.sort((a, b) => a.nwrmsle - b.nwrmsle);
}
