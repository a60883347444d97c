import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArtifactFiles } from '@cd4ml/model-artifact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promote, readRegistry, rollback, type AliasEntry } from './aliases.ts';
import { candidateDir, hasCandidate, readCandidate, registerCandidate } from './candidate-store.ts';
import { diffRecords } from './diff-runs.ts';
import { listRuns, readRun, writeRun, type RunRecord } from './run-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-registry-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hash = (c: string) => c.repeat(64);
const entry = (c: string): AliasEntry => ({ key: hash(c), modelVersion: c, at: '2026-11-24T00:00:00Z', metric: { name: 'nwrmsle', value: 0.4 } });
const report = { name: 'm', modelVersion: 'v1', modelSha256: '277089d91c0bdf4f2e6862ba7e4a07605119431f5d13f726dd352b06f1b206a9', metric: { name: 'nwrmsle', value: 0.4 }, rawDataVersion: hash('a'), processedDataVersion: hash('b'), passed: true, results: [] };

describe('candidate store', () => {
  it('stores a verified candidate under the sha256 of its model, with extra files in its manifest', async () => {
    const src = join(dir, 'artifact');
    await writeArtifactFiles(src, { 'model.onnx': 'bytes', 'model.json': '{}' });
    const { key, dir: stored } = await registerCandidate(join(dir, 'store'), src, { 'gates.json': JSON.stringify(report) });
    expect(key).toBe(report.modelSha256);
    expect(stored).toBe(candidateDir(join(dir, 'store'), key));
    expect((await readdir(stored)).sort()).toEqual(['gates.json', 'manifest.json', 'model.json', 'model.onnx']);
    expect(await hasCandidate(join(dir, 'store'), key)).toBe(true);
    expect(await hasCandidate(join(dir, 'store'), 'f'.repeat(64))).toBe(false);
    expect(await readCandidate(join(dir, 'store'), key.slice(0, 8), 'run the gate')).toMatchObject({ modelVersion: 'v1', passed: true });
  });

  it('refuses to register an artifact whose files do not match its manifest', async () => {
    const src = join(dir, 'artifact');
    await writeArtifactFiles(src, { 'model.onnx': 'bytes' });
    await writeFile(join(src, 'model.onnx'), 'other');
    await expect(registerCandidate(join(dir, 'store'), src)).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
  });

  it('refuses a stored candidate whose model no longer matches its content address, naming it', async () => {
    const store = join(dir, 'store');
    const bad = candidateDir(store, report.modelSha256);
    // Consistent with its own manifest, but not with the name it is stored under.
    await writeArtifactFiles(bad, { 'model.onnx': 'replaced', 'gates.json': JSON.stringify(report) });
    await expect(readCandidate(store, report.modelSha256, 'run the gate')).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/does not match its content address/) });
  });

  it('finds a candidate a killed gate run had moved aside, and puts it back', async () => {
    const store = join(dir, 'store');
    const key = report.modelSha256.slice(0, 16);
    await writeArtifactFiles(candidateDir(store, report.modelSha256), { 'model.onnx': 'bytes', 'gates.json': JSON.stringify(report) });
    // What a SIGKILL between the two renames of a swap leaves: the folder aside, named after a dead writer.
    await rename(join(store, key), join(store, `.${key}.999999-0123456789ab.tmp.old`));
    expect(await readCandidate(store, key, 'run the gate')).toMatchObject({ modelVersion: 'v1' });
    expect(await readdir(store)).toEqual([key]);
  });

  it('names the gate report field that is wrong', async () => {
    const store = join(dir, 'store');
    await writeArtifactFiles(candidateDir(store, report.modelSha256), { 'model.onnx': 'bytes', 'gates.json': JSON.stringify({ ...report, passed: 'yes' }) });
    await expect(readCandidate(store, report.modelSha256, '')).rejects.toThrow(/gates\.json is not a valid gate report:[\s\S]*→ at passed/);
  });
});

describe('aliases', () => {
  it('a missing registry file is an empty registry', async () => {
    expect(await readRegistry(join(dir, 'none.json'), 'm')).toEqual({ name: 'm', aliases: {}, history: [] });
  });

  it('promote moves an alias and rollback walks back through earlier promotions', async () => {
    const path = join(dir, 'registry.json');
    await promote(path, 'champion', entry('a'));
    await promote(path, 'champion', entry('b'));
    await promote(path, 'champion', entry('c'));
    expect((await rollback(path, 'champion')).aliases['champion']!.modelVersion).toBe('b');
    expect((await rollback(path, 'champion')).aliases['champion']!.modelVersion).toBe('a');
    await expect(rollback(path, 'champion')).rejects.toMatchObject({ code: 'NOTHING_TO_ROLL_BACK' });
    await expect(rollback(path, 'challenger')).rejects.toThrow(/challenger is not set/);
    expect(JSON.parse(await readFile(path, 'utf8')).history).toHaveLength(5);
  });

  it('refuses a broken registry file, naming the file and the field', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ name: 'x', aliases: { champion: { key: 'nope' } }, history: [] }));
    await expect(readRegistry(path)).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(/bad\.json is not a valid registry file:[\s\S]*→ at aliases\.champion\.key/) });
  });

  it('refuses a registry file that is not JSON, naming it, instead of a bare parse error', async () => {
    const path = join(dir, 'torn.json');
    await writeFile(path, '{"name":');
    await expect(readRegistry(path)).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(/torn\.json is not valid JSON/) });
  });
});

describe('run store', () => {
  const metrics = (nwrmsle: number) => ({ primary: 'nwrmsle', label: 'NWRMSLE', description: '', validation: { nwrmsle, rows: 1 }, baselines: { naive: { nwrmsle: 0.6, rows: 1 } }, referenceBaseline: 'naive', parityMaxAbsDiff: 0 });
  const run = (id: string, startedAt: string, lr: number, nwrmsle: number): RunRecord => ({
    id, name: 'm', startedAt, durationMs: 1, params: { model: { lr, depth: 8 } }, metrics: metrics(nwrmsle), slices: [], tags: {},
    rawDataVersion: hash('a'), processedDataVersion: hash('b'), code: { commit: 'c', dirty: false }, modelSha256: hash('c'), modelVersion: 'v',
  });

  it('lists runs oldest first and finds one by prefix or by "latest~N"', async () => {
    await writeRun(dir, run('2026-b', '2026-11-24T02:00:00Z', 0.1, 0.35));
    await writeRun(dir, run('2026-a', '2026-11-24T01:00:00Z', 0.08, 0.4));
    expect((await listRuns(dir)).runs.map((r) => r.id)).toEqual(['2026-a', '2026-b']);
    expect((await readRun(dir, 'latest')).id).toBe('2026-b');
    expect((await readRun(dir, 'latest~1')).id).toBe('2026-a');
    await expect(readRun(dir, '2026')).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    await expect(readRun(dir, 'zzz')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('skips and reports a corrupt record, naming the file, and keeps the others usable', async () => {
    await writeRun(dir, run('2026-a', '2026-11-24T01:00:00Z', 0.08, 0.4));
    await writeFile(join(dir, '2026-x.json'), '{"id":');
    await writeFile(join(dir, '2026-y.json'), JSON.stringify({ ...run('2026-y', '2026-11-24T03:00:00Z', 0.1, 0.3), modelSha256: 'short' }));
    const { runs, skipped } = await listRuns(dir);
    expect(runs.map((r) => r.id)).toEqual(['2026-a']);
    expect(skipped.map((s) => s.file)).toEqual([join(dir, '2026-x.json'), join(dir, '2026-y.json')]);
    expect(skipped[1]!.reason).toMatch(/→ at modelSha256/);
    expect((await readRun(dir, 'latest')).id).toBe('2026-a');
  });

  it('diffs params and metrics with deltas, leaving out what did not change', () => {
    const a = run('a', '', 0.08, 0.4);
    const b = run('b', '', 0.1, 0.35);
    const rows = diffRecords({ params: a.params, metrics: a.metrics.validation }, { params: b.params, metrics: b.metrics.validation });
    expect(rows.map((r) => r.key)).toEqual(['metrics.nwrmsle', 'params.model.lr']);
    expect(rows[0]!.delta).toBeCloseTo(-0.05, 10);
  });
});
