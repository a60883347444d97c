import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { committedParams, fixtureCopy } from '../test-support/fixture-data.ts';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { evaluateSalesModel } from './evaluate-sales-model.ts';
import { loadSalesArtifact } from './score-artifact.ts';

let work: string;
let processed: string;

beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
  await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: join(work, 'model') });
}, 120_000);

describe('evaluateSalesModel', () => {
  it('scores the exported model overall, per slice and against the baselines, with a rolling backtest and an HTML report', async () => {
    const out = join(work, 'eval');
    const e = await evaluateSalesModel({ modelDir: join(work, 'model'), dataDir: processed, outDir: out, backtest: true, paramsPath: committedParams });
    const { card } = await loadSalesArtifact(join(work, 'model'));
    // The ONNX artifact reproduces what training measured in-process.
    expect(e.overall['nwrmsle']).toBeCloseTo(card.metrics.validation['nwrmsle']!, 5);
    expect(e.overall['nwrmsle']).toBeLessThan(e.baselines['seasonalNaive']!['nwrmsle']!);
    expect(e).toMatchObject({ rawDataVersion: card.rawDataVersion, processedDataVersion: card.processedDataVersion, metric: { primary: 'nwrmsle', label: 'NWRMSLE' } });
    expect([...new Set(e.slices.map((s) => s.dimension))]).toEqual(['family', 'perishable', 'store', 'store_type', 'cluster', 'day_of_week', 'onpromotion']);
    for (const dim of ['perishable', 'day_of_week', 'onpromotion']) {
      expect(e.slices.filter((s) => s.dimension === dim).reduce((n, s) => n + s.metrics['rows']!, 0)).toBe(e.overall['rows']);
    }
    // The folds are the ones ingest wrote (folds.json): cut by date, oldest first, each trained on earlier days only.
    const folds = JSON.parse(await readFile(join(processed, 'folds.json'), 'utf8')) as { validStart: string; trainEnd: string }[];
    expect(e.backtest!.map((f) => f.validStart)).toEqual(folds.map((f) => f.validStart));
    for (const f of e.backtest!) expect(f.trainEnd < f.validStart).toBe(true);
    expect(e.backtest![0]!.trainRows).toBeLessThan(e.backtest!.at(-1)!.trainRows);
    expect(e.backtest!.every((f) => f.model > 0 && f.baseline > 0)).toBe(true);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    for (const title of ['Predicted against actual', 'NWRMSLE by family', 'Feature importance', 'Learning curve', 'Rolling backtest']) expect(html).toContain(title);
  });
});
