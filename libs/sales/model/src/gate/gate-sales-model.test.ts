import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { promote } from '@cd4ml/registry';
import { featureNames } from '@cd4ml/sales-features';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { committedGates, committedParams, fixtureCopy, settingsWith, workspaceRoot } from '../test-support/fixture-data.ts';
import { shiftWhere, writeModelVariant } from '../test-support/model-variant.ts';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { gateSalesModel, type GateOptions } from './gate-sales-model.ts';
import { gateReportSchema, type GateReport } from '@cd4ml/model-artifact';

let work: string;
let processed: string;
let gates: string;
let good: string;
const FAMILY = featureNames.indexOf('family');

const options = (modelDir: string, name: string): GateOptions => ({
  modelDir,
  dataDir: processed,
  gatesPath: gates,
  registryFile: join(work, `${name}-registry.json`),
  storeDir: join(work, 'store'),
  outDir: join(work, `${name}-served`),
});
const gate = (report: GateReport, name: string) => report.results.find((r) => r.gate === name)!;

beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
  // The small fixture has ~700 validation rows: gate slices from 40 rows up.
  gates = await settingsWith(committedGates, join(work, 'gates.yaml'), [['minRows: 200', 'minRows: 40']]);
  good = join(work, 'good');
  await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: good });
}, 120_000);

describe('gates on the exported artifact', () => {
  it('pass a good model, register it content-addressed and serve it with gates.json', async () => {
    const o = options(good, 'good');
    const report = await gateSalesModel(o);
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(gate(report, 'ratchet')).toMatchObject({ passed: true, summary: expect.stringMatching(/no champion.*vacuously/) });
    expect(report.candidate!.dir).toBe(join(work, 'store', report.modelSha256.slice(0, 16)));
    expect((await readdir(o.outDir)).sort()).toEqual(['ensemble.json', 'gates.json', 'holdout.json', 'manifest.json', 'model-card.html', 'model.json', 'model.onnx', 'profile.json', 'recent-actuals.json']);
    const served = gateReportSchema.parse(JSON.parse(await readFile(join(o.outDir, 'gates.json'), 'utf8')));
    expect(served.results.map((r) => r.gate)).toEqual(['threshold', 'beats-baseline', 'beats-best-baseline', 'ratchet', 'slice-error', 'slice-bias', 'parity']);
    // A vacuous ratchet has no bar, and the served report round-trips through the schema the app reads.
    expect(gate(report, 'ratchet').bar).toBeNull();
    expect(served).toEqual(report);
  });

  it('fail a model that predicts zero for one family (slice error and slice bias), and leave the served model alone', async () => {
    const bad = join(work, 'zero-family');
    await writeModelVariant(good, bad, (e) => ({ ...e, trees: [...e.trees, shiftWhere(FAMILY, 0, -50)] }));
    // Serve the good model first, under its own name, so this test does not depend on another one.
    const o = options(bad, 'zero-family');
    expect((await gateSalesModel({ ...o, modelDir: good })).passed).toBe(true);
    const before = await readFile(join(o.outDir, 'model.onnx'));
    const report = await gateSalesModel(o);
    expect(report.passed).toBe(false);
    expect(gate(report, 'slice-error')).toMatchObject({ passed: false, summary: expect.stringMatching(/family=/) });
    expect(gate(report, 'slice-bias')).toMatchObject({ passed: false, summary: expect.stringMatching(/under-forecast/) });
    expect(await readFile(join(o.outDir, 'model.onnx'))).toEqual(before);
  });

  it('fail a model no better than the per-item mean, however well it beats seasonal naive (beats-best-baseline)', async () => {
    const strict = await settingsWith(committedGates, join(work, 'strict-gates.yaml'), [['minRows: 200', 'minRows: 40'], ['minImprovementOverBestBaseline: 0.05', 'minImprovementOverBestBaseline: 0.9']]);
    const report = await gateSalesModel({ ...options(good, 'best-baseline'), gatesPath: strict });
    expect(report.results.filter((r) => !r.passed).map((r) => r.gate)).toEqual(['beats-best-baseline']);
    expect(gate(report, 'beats-best-baseline')).toMatchObject({ bar: 0.9, details: { baseline: 'itemMean' } });
  });

  it('fail a model worse than seasonal naive (threshold and beats-baseline)', async () => {
    const bad = join(work, 'worse-than-naive');
    // Always forecast 0 units: no trees, base score 0.
    await writeModelVariant(good, bad, (e) => ({ ...e, baseScore: 0, trees: [] }));
    const report = await gateSalesModel(options(bad, 'naive'));
    expect(gate(report, 'threshold').passed).toBe(false);
    expect(gate(report, 'beats-baseline').passed).toBe(false);
    expect(gate(report, 'beats-baseline').figure).toBeLessThan(0);
  });

  it('fail a model worse than the champion beyond the tolerance (ratchet), re-scoring the champion on this holdout', async () => {
    const o = options(good, 'ratchet');
    const champion = await gateSalesModel(o);
    await promote(o.registryFile, 'champion', { key: champion.modelSha256, modelVersion: champion.modelVersion, at: new Date().toISOString() });
    const worse = join(work, 'worse-than-champion');
    await writeModelVariant(good, worse, (e) => ({ ...e, trees: e.trees.slice(0, Math.ceil(e.trees.length / 3)) }));
    const report = await gateSalesModel({ ...o, modelDir: worse });
    expect(gate(report, 'ratchet')).toMatchObject({ passed: false, summary: expect.stringMatching(/re-scored on this holdout/) });
    expect(gate(report, 'threshold').passed).toBe(true);
  });

  it('without the champion in the local store, holds the recorded figure on the same data, else passes vacuously and says why', async () => {
    const o = { ...options(good, 'recorded'), storeDir: join(work, 'empty-store') };
    const first = await gateSalesModel(o);
    const entry = { key: 'f'.repeat(64), modelVersion: 'old', at: '2026-01-01T00:00:00Z', metric: { name: 'nwrmsle', value: first.metric.value * 0.9 } };
    await promote(o.registryFile, 'champion', { ...entry, processedDataVersion: first.processedDataVersion });
    expect(gate(await gateSalesModel(o), 'ratchet')).toMatchObject({ passed: false, summary: expect.stringMatching(/recorded at promotion on the same data/) });
    await promote(o.registryFile, 'champion', { ...entry, processedDataVersion: 'e'.repeat(64) });
    expect(gate(await gateSalesModel(o), 'ratchet')).toMatchObject({ passed: true, summary: expect.stringMatching(/champion old is not in the local store.*vacuously/) });
  });

  it('fail an export that disagrees with the in-process model (parity)', async () => {
    const bad = join(work, 'no-parity');
    await writeModelVariant(good, bad, (e) => e, (e) => ({ ...e, baseScore: e.baseScore + 0.01 }));
    const report = await gateSalesModel(options(bad, 'parity'));
    expect(report.results.filter((r) => !r.passed).map((r) => r.gate)).toEqual(['parity']);
  });

  it('the gate CLI exits 1 with a plain summary naming the gate, the figure and the bar, and no stack trace', async () => {
    const bad = join(work, 'cli-zero-family');
    await writeModelVariant(good, bad, (e) => ({ ...e, trees: [...e.trees, shiftWhere(FAMILY, 0, -50)] }));
    const o = options(bad, 'cli');
    const args = ['libs/sales/model/src/gate/cli.ts', '--model', bad, '--data', processed, '--gates', gates, '--registry', o.registryFile, '--store', o.storeDir, '--out', o.outDir];
    const error = await promisify(execFile)(join(workspaceRoot, 'node_modules/.bin/tsx'), args, { cwd: workspaceRoot }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toMatch(/FAIL +slice-error/);
    expect(error?.stderr).toMatch(/^error: \d gates failed:\n[\s\S]* +slice-error: [\d.]+ \(bar <= 1\.6\): worst slice family=/);
    expect(error?.stderr).not.toMatch(/\n\s+at /);
    await expect(readFile(`${o.outDir}.rejected.json`, 'utf8')).resolves.toMatch(/slice-error/);
    // A later passing run serves the good model and removes the now stale rejection.
    const goodArgs = args.map((a) => (a === bad ? good : a));
    await promisify(execFile)(join(workspaceRoot, 'node_modules/.bin/tsx'), goodArgs, { cwd: workspaceRoot });
    await expect(readFile(`${o.outDir}.rejected.json`, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readdir(o.outDir)).toContain('model.onnx');
  }, 60_000);
});
