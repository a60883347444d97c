import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { committedParams, fixtureCopy } from '../test-support/fixture-data.ts';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { evaluateSalesModel } from './evaluate-sales-model.ts';

let work: string;
let processed: string;

beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
  await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: join(work, 'model') });
}, 120_000);

describe('evaluateSalesModel', () => {
  it('scores the exported model overall, per slice and against the baselines, with a rolling backtest and an HTML report', async () => {
    const out = join(work, 'eval');
    const e = await evaluateSalesModel({ modelDir: join(work, 'model'), dataDir: processed, outDir: out, backtestFolds: 2, paramsPath: committedParams });
    const card = JSON.parse(await readFile(join(work, 'model/model.json'), 'utf8'));
    // The ONNX artifact reproduces what training measured in-process.
    expect(e.overall.nwrmsle).toBeCloseTo(card.metrics.validation.nwrmsle, 5);
    expect(e.overall.nwrmsle).toBeLessThan(e.baselines.seasonalNaive.nwrmsle);
    expect([...new Set(e.slices.map((s) => s.dimension))]).toEqual(['family', 'perishable', 'store', 'store_type', 'cluster', 'day_of_week', 'onpromotion']);
    for (const dim of ['perishable', 'day_of_week', 'onpromotion']) {
      expect(e.slices.filter((s) => s.dimension === dim).reduce((n, s) => n + s.metrics.rows, 0)).toBe(e.overall.rows);
    }
    // Folds are cut by date, back to back, and the last fold is the usual validation window.
    const [f1, f2] = e.backtest!;
    expect(f2!.model).toBeCloseTo(e.overall.nwrmsle, 5);
    expect(f1!.validEnd < f2!.validStart).toBe(true);
    expect(f1!.trainRows).toBeLessThan(f2!.trainRows);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    for (const title of ['Predicted against actual', 'NWRMSLE by family', 'Feature importance', 'Learning curve', 'Rolling backtest']) expect(html).toContain(title);
  });
});
