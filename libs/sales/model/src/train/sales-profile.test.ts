import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACT_MANIFEST, loadArtifact } from '@cd4ml/model-artifact';
import { loadMonitoredModel, PROFILE_FILE } from '@cd4ml/monitoring';
import { featureNames, featureSpecSchema } from '@cd4ml/sales-features';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { committedParams, fixtureCopy } from '../test-support/fixture-data.ts';
import { trainSalesModel } from './train-sales-model.ts';
import { categoricalFeatures } from '../monitor/sales-monitor.ts';

let processed: string;
let work: string;

beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
});

describe('the training profile in the model artifact', () => {
  it('is written beside the model, checksummed by the manifest, and read back with its schema', async () => {
    const out = join(work, 'profiled');
    const card = await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: out });
    const manifest = JSON.parse(await readFile(join(out, ARTIFACT_MANIFEST), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toContain(PROFILE_FILE);

    const { model } = await loadMonitoredModel(out, featureSpecSchema);
    expect(model.version).toBe(card.modelVersion);
    expect(Object.keys(model.profile.features)).toEqual([...featureNames]);
    for (const name of featureNames) expect(model.profile.features[name]!.kind).toBe(categoricalFeatures.has(name) ? 'categorical' : 'numeric');
    expect(model.profile.prediction.name).toBe('unit_sales');
    expect(model.profile.rows).toBe(card.training.trainRows);
    // Predictions are profiled in units, never negative.
    expect(model.profile.prediction.profile.quantiles[0]).toBeGreaterThanOrEqual(0);
  });

  it('is refused when changed after training, naming the file', async () => {
    const out = join(work, 'tampered');
    await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: out });
    const text = await readFile(join(out, PROFILE_FILE), 'utf8');
    await writeFile(join(out, PROFILE_FILE), text.replace('"rows":', '"rows": 1, "was":'));
    await expect(loadArtifact(out, { spec: featureSpecSchema })).rejects.toThrow(PROFILE_FILE);
  });
});
