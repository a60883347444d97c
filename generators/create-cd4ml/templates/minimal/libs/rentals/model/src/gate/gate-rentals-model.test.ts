import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateNames } from '@cd4ml/evaluation';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { listRuns } from '@cd4ml/registry';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { featureNames } from '../features.ts';
import { shiftWhere, writeModelVariant } from '../test-support/model-variant.ts';
import { trainRentalsModel } from '../train/train-rentals-model.ts';
import { gateRentalsModel } from './gate-rentals-model.ts';

const data = inject('processedRentals');
const root = findWorkspaceRoot(import.meta.dirname);
const params = join(root, 'libs/rentals/model/params.yaml');
const gates = join(root, 'libs/rentals/model/gates.yaml');
let work: string;
let good: string;

const gate = (modelDir: string, name: string) =>
  gateRentalsModel({ modelDir, dataDir: data, gatesPath: gates, registryFile: join(work, `${name}.json`), storeDir: join(work, 'store'), outDir: join(work, `${name}-served`) });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rentals-gate-'));
  good = join(work, 'good');
  await trainRentalsModel({ dataDir: data, paramsPath: params, outDir: good, runsDir: join(work, 'runs') });
});

describe('training', () => {
  it('is reproducible and records its run: the same data and params give the same model', async () => {
    const again = await trainRentalsModel({ dataDir: data, paramsPath: params, outDir: join(work, 'again') });
    const { runs } = await listRuns(join(work, 'runs'));
    expect(runs.map((r) => r.modelVersion)).toEqual([again.modelVersion]);
    expect(await readFile(join(work, 'again', 'model.onnx'))).toEqual(await readFile(join(good, 'model.onnx')));
  });
});

describe('the gates on the exported model', () => {
  it('pass a good model, then register and serve it with its gates.json', async () => {
    const report = await gate(good, 'good');
    expect(report.results.map((r) => [r.gate, r.passed])).toEqual(gateNames.map((g) => [g, true]));
    expect(JSON.parse(await readFile(join(work, 'good-served', 'gates.json'), 'utf8'))).toMatchObject({ passed: true, modelSha256: report.modelSha256 });
  });

  it('fail a model biased against one station (slice error and bias), and leave the served model alone', async () => {
    expect((await gate(good, 'biased')).passed).toBe(true);
    const served = await readFile(join(work, 'biased-served', 'model.onnx'));
    const bad = join(work, 'riverside-under-forecast');
    const stations = JSON.parse(await readFile(join(good, 'model.json'), 'utf8')).spec.stations as string[];
    await writeModelVariant(good, bad, (e) => ({ ...e, trees: [...e.trees, shiftWhere(featureNames.indexOf('station'), stations.indexOf('riverside'), -0.6)] }));
    const report = await gate(bad, 'biased');
    // About 45% fewer rentals at one station: the slice gates name it, whatever the overall figure does.
    expect(report.results.filter((r) => !r.passed).map((r) => r.gate)).toEqual(expect.arrayContaining(['slice-error', 'slice-bias']));
    expect(report.results.find((r) => r.gate === 'slice-error')?.summary).toMatch(/worst slice station=riverside/);
    expect(report.results.find((r) => r.gate === 'slice-bias')?.summary).toMatch(/station=riverside .*under-forecast/);
    expect(await readFile(join(work, 'biased-served', 'model.onnx'))).toEqual(served);
    await expect(readFile(join(work, 'biased-served.rejected.json'), 'utf8')).resolves.toMatch(/slice-bias/);
  });
});
