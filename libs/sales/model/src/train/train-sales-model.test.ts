import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainSalesModel } from './train-sales-model.ts';

const root = resolve(import.meta.dirname, '../../../../..');
const params = join(root, 'libs/sales/model/params.yaml');
let processed: string;
let work: string;

/** Small processed data through the real generate and ingest CLIs. */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cd4ml-train-'));
  const tsx = join(root, 'node_modules/.bin/tsx');
  const run = promisify(execFile);
  await run(tsx, ['libs/sales/data/src/generate/cli.ts', '--out', join(work, 'raw'), '--items', '25', '--start', '2017-02-01', '--end', '2017-08-15'], { cwd: root });
  await run(tsx, ['libs/sales/data/src/ingest/cli.ts', '--raw', join(work, 'raw'), '--out', join(work, 'processed'), '--validation-days', '28'], { cwd: root });
  processed = join(work, 'processed');
}, 120_000);

describe('trainSalesModel', () => {
  it('is reproducible: the same code, data and params give the same model bytes', async () => {
    const a = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'a') });
    const b = await trainSalesModel({ dataDir: processed, paramsPath: params, outDir: join(work, 'b') });
    expect(await readFile(join(work, 'b/model.onnx'))).toEqual(await readFile(join(work, 'a/model.onnx')));
    expect(b.modelVersion).toBe(a.modelVersion);
    expect(b.runId).toBe(a.runId);
    expect(a.dataVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(a.code.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
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
    // ...while the inflated validation targets were really read: the error against them is worse.
    expect((other.metrics['validation'] as { nwrmsle: number }).nwrmsle).toBeGreaterThan((clean.metrics['validation'] as { nwrmsle: number }).nwrmsle);
  });

  it('refuses a table that breaks the data contract', async () => {
    const broken = join(work, 'broken');
    await cp(processed, broken, { recursive: true });
    const text = await readFile(join(broken, 'train.csv'), 'utf8');
    await writeFile(join(broken, 'train.csv'), text.replace('unit_sales', 'sales'));
    await expect(trainSalesModel({ dataDir: broken, paramsPath: params, outDir: join(work, 'x') })).rejects.toThrow(/does not follow sales table contract v1/);
  });

  it('refuses an invalid params file, listing every problem', async () => {
    const bad = join(work, 'bad-params.yaml');
    await writeFile(bad, (await readFile(params, 'utf8')).replace('learningRate: 0.08', 'learningRate: 3').replace('algorithm: gbt', 'algorithm: svm'));
    await expect(trainSalesModel({ dataDir: processed, paramsPath: bad, outDir: join(work, 'x') })).rejects.toThrow(/model\.algorithm[\s\S]*model\.gbt\.learningRate/);
  });
});
