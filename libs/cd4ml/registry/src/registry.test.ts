import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { promote, readRegistry, rollback, type AliasEntry } from './aliases.ts';
import { candidateDir, hasCandidate, registerCandidate } from './candidate-store.ts';
import { diffRecords } from './diff-runs.ts';
import { listRuns, readRun, writeRun, type RunRecord } from './run-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-registry-'));
});

const entry = (c: string): AliasEntry => ({ key: c.repeat(64), modelVersion: c, at: '2026-11-24T00:00:00Z', metric: { name: 'nwrmsle', value: 0.4 } });

describe('candidate store', () => {
  it('stores a candidate under the sha256 of its model, with extra files', async () => {
    const src = join(dir, 'artifact');
    await mkdir(src);
    await writeFile(join(src, 'model.onnx'), 'bytes');
    await writeFile(join(src, 'model.json'), '{}');
    const { key, dir: stored } = await registerCandidate(join(dir, 'store'), src, { extraFiles: { 'gates.json': '[]' } });
    expect(key).toBe('277089d91c0bdf4f2e6862ba7e4a07605119431f5d13f726dd352b06f1b206a9');
    expect(stored).toBe(candidateDir(join(dir, 'store'), key));
    expect((await readdir(stored)).sort()).toEqual(['gates.json', 'model.json', 'model.onnx']);
    expect(await hasCandidate(join(dir, 'store'), key)).toBe(true);
    expect(await hasCandidate(join(dir, 'store'), 'f'.repeat(64))).toBe(false);
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

  it('refuses a broken registry file, naming the field', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ name: 'x', aliases: { champion: { key: 'nope' } }, history: [] }));
    await expect(readRegistry(path)).rejects.toThrow(/aliases\.champion\.key/);
  });
});

describe('run store', () => {
  const run = (id: string, startedAt: string, lr: number, nwrmsle: number): RunRecord => ({
    id, name: 'm', startedAt, durationMs: 1, params: { model: { lr, depth: 8 } }, metrics: { validation: { nwrmsle } },
    dataVersion: 'd', code: { commit: 'c', dirty: false }, modelSha256: 's', modelVersion: 'v',
  });

  it('lists runs oldest first and finds one by prefix or by "latest~N"', async () => {
    await writeRun(dir, run('2026-b', '2026-11-24T02:00:00Z', 0.1, 0.35));
    await writeRun(dir, run('2026-a', '2026-11-24T01:00:00Z', 0.08, 0.4));
    expect((await listRuns(dir)).map((r) => r.id)).toEqual(['2026-a', '2026-b']);
    expect((await readRun(dir, 'latest')).id).toBe('2026-b');
    expect((await readRun(dir, 'latest~1')).id).toBe('2026-a');
    await expect(readRun(dir, '2026')).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    await expect(readRun(dir, 'zzz')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('diffs params and metrics with deltas, leaving out what did not change', () => {
    const a = run('a', '', 0.08, 0.4);
    const b = run('b', '', 0.1, 0.35);
    const rows = diffRecords({ params: a.params, metrics: a.metrics }, { params: b.params, metrics: b.metrics });
    expect(rows.map((r) => r.key)).toEqual(['metrics.validation.nwrmsle', 'params.model.lr']);
    expect(rows[0]!.delta).toBeCloseTo(-0.05, 10);
  });
});
