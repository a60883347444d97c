import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { listRuns } from '@cd4ml/registry';
import { z } from 'zod';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { committedParams as params, fixtureCopy } from '../test-support/fixture-data.ts';
import { trainSalesModel } from './train-sales-model.ts';

let processed: string;
let work: string;

/** Small processed data made once by the real generate and ingest CLIs (see the global setup). */
beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
});

describe('trainSalesModel', () => {
  it('is reproducible: the same code, data and params give the same model bytes', async () => {
    const a = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'a') });
    const b = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'b') });
    expect(await readFile(join(work, 'b/model.onnx'))).toEqual(await readFile(join(work, 'a/model.onnx')));
    expect(b.modelVersion).toBe(a.modelVersion);
    expect(b.runId).toBe(a.runId);
    expect(a.rawDataVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(a.processedDataVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(a.processedDataVersion).not.toBe(a.rawDataVersion);
    expect(a.code.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
  });

  it('writes a run record with lineage, metrics overall and per slice, and an HTML report beside it', async () => {
    const runs = join(work, 'runs');
    const card = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'tracked'), runsDir: runs });
    const [run] = (await listRuns(runs)).runs;
    expect(run).toMatchObject({ modelSha256: card.onnx.sha256, modelVersion: card.modelVersion, rawDataVersion: card.rawDataVersion, processedDataVersion: card.processedDataVersion, code: card.code, params: card.params });
    expect(run!.id).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${card.runId}$`));
    expect(run!.metrics.validation['nwrmsle']).toBeGreaterThan(0);
    expect(run!.slices.length).toBeGreaterThan(10);
    expect(await readFile(join(runs, `${run!.id}.html`), 'utf8')).toMatch(/Predicted against actual[\s\S]*Learning curve/);
  });

  it('never lets validation rows shape the features (no leakage through encoders or statistics)', async () => {
    const leaky = join(work, 'leaky');
    await cp(processed, leaky, { recursive: true });
    const valid = await readFile(join(leaky, 'valid.csv'), 'utf8');
    // Multiply every validation sale by 100: training must not notice.
    const changed = valid
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : line.replace(/^([^,]*,[^,]*,[^,]*,)([^,]*)/, (_, head: string, v: string) => `${head}${Number(v) * 100}`)))
      .join('\n');
    await writeFile(join(leaky, 'valid.csv'), changed);
    const clean = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'clean') });
    const other = await trainSalesModel({ dataDir: leaky, paramsPath: params, outDir: join(work, 'other') });
    expect(other.spec).toEqual(clean.spec);
    // Early stopping watches the end of the training window, so the very same trees come out.
    expect(other.modelVersion).toBe(clean.modelVersion);
    // ...while the inflated validation targets were really read: the error against them is worse.
    expect(other.metrics.validation['nwrmsle']).toBeGreaterThan(clean.metrics.validation['nwrmsle']!);
  });

  it('refuses a table that breaks the data contract', async () => {
    const broken = join(work, 'broken');
    await cp(processed, broken, { recursive: true });
    const text = await readFile(join(broken, 'train.csv'), 'utf8');
    await writeFile(join(broken, 'train.csv'), text.replace('unit_sales', 'sales'));
    await expect(trainSalesModel({ dataDir: broken, paramsPath: params, outDir: join(work, 'x') })).rejects.toThrow(/does not follow sales table contract v1/);
  });

  it.each(['train.csv', 'valid.csv'])('refuses a bad number in %s, naming the file, the line and the column', async (name) => {
    const broken = join(work, `bad-number-${name}`);
    await cp(processed, broken, { recursive: true });
    const lines = (await readFile(join(broken, name), 'utf8')).split('\n');
    lines[3] = lines[3]!.replace(/^([^,]*,[^,]*,)[^,]*/, '$1x17');
    await writeFile(join(broken, name), lines.join('\n'));
    await expect(trainSalesModel({ dataDir: broken, paramsPath: params, outDir: join(work, 'x') })).rejects.toMatchObject({
      code: 'ROW_INVALID',
      message: `${join(broken, name)} line 4, column item_nbr: "x17" is not an integer. It does not follow sales table contract v1. Re-run ingest with this code.`,
    });
  });

  it('refuses damaged reference tables, naming the file and the field', async () => {
    const broken = join(work, 'broken-reference');
    await cp(processed, broken, { recursive: true });
    const reference = JSON.parse(await readFile(join(broken, 'reference.json'), 'utf8'));
    reference.items[3].perishable = 'yes';
    await writeFile(join(broken, 'reference.json'), JSON.stringify(reference));
    await expect(trainSalesModel({ dataDir: broken, paramsPath: params, outDir: join(work, 'x') })).rejects.toThrow(/reference\.json is not a valid reference tables file:[\s\S]*→ at items\[3\]\.perishable/);
  });

  it('refuses an invalid params file, listing every problem', async () => {
    const bad = join(work, 'bad-params.yaml');
    await writeFile(bad, (await readFile(params, 'utf8')).replace('learningRate: 0.08', 'learningRate: 3').replace('algorithm: gbt', 'algorithm: svm'));
    await expect(trainSalesModel({ dataDir: processed, paramsPath: bad, outDir: join(work, 'x') })).rejects.toThrow(/bad-params\.yaml is not a valid params file:[\s\S]*→ at model\.algorithm[\s\S]*→ at model\.gbt\.learningRate/);
  });

  it('refuses an early-stopping window that swallows the whole training window', async () => {
    const wide = join(work, 'wide-es.yaml');
    await writeFile(wide, (await readFile(params, 'utf8')).replace('earlyStoppingDays: 28', 'earlyStoppingDays: 5000'));
    await expect(trainSalesModel({ dataDir: processed, paramsPath: wide, outDir: join(work, 'x') })).rejects.toMatchObject({
      code: 'PARAMS_INVALID',
      message: expect.stringMatching(/earlyStoppingDays \(5000\) leaves 0 rows to fit/),
    });
  });
});

describe('trainSalesModel on a full disk (ENOSPC injected through CD4ML_FAULT)', () => {
  afterEach(() => {
    delete process.env['CD4ML_FAULT'];
  });
  const createdAt = async (dir: string) => (await readJsonFile(join(dir, 'model.json'), z.object({ createdAt: z.string() }))).createdAt;

  it('writes the run record before the artifact swap: when it fails, the previous model and runs stay, and the error names the file', async () => {
    const out = join(work, 'full-disk');
    const runs = join(work, 'full-disk-runs');
    await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: out, runsDir: runs });
    const before = { createdAt: await createdAt(out), runs: (await listRuns(runs)).runs.length };
    process.env['CD4ML_FAULT'] = `enospc:${runs}/`;
    await expect(trainSalesModel({ dataDir: processed, paramsPath: params, outDir: out, runsDir: runs })).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: expect.stringMatching(new RegExp(`^${runs}/\\d{8}T\\d{6}Z-\\w+\\.json could not be written: no space left on device \\(ENOSPC\\)`)),
    });
    expect(await createdAt(out)).toBe(before.createdAt);
    expect((await listRuns(runs)).runs).toHaveLength(before.runs);
  });

  it('names the artifact file a full disk stopped, and leaves the previous model', async () => {
    const out = join(work, 'full-disk-model');
    await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: out });
    const before = await createdAt(out);
    process.env['CD4ML_FAULT'] = 'enospc:model.onnx';
    await expect(trainSalesModel({ dataDir: processed, paramsPath: params, outDir: out })).rejects.toThrow(/\/model\.onnx could not be written: no space left on device/);
    expect(await createdAt(out)).toBe(before);
  });
});
