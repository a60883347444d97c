import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegistry } from '@cd4ml/registry';
import { moveChampion } from './promote.ts';

const hash = (c: string) => c.repeat(64);
/** The parts of a release manifest the champion alias is made of. */
function release(version: string, sha: string, commit: string) {
  const gates = { name: 'm', modelVersion: version, modelSha256: sha, metric: { name: 'rmse', value: 0.4 }, rawDataVersion: hash('a'), processedDataVersion: hash('b'), passed: true, results: [] };
  return { manifest: { gates, model: { name: 'm', version, sha256: sha, dir: 'model' as const }, code: { commit, dirty: false } } };
}

describe('moveChampion', () => {
  let dir: string;
  let registry: string;
  const said: string[] = [];
  const ctx = { say: (line: string) => said.push(line) };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'move-champion-'));
    registry = join(dir, 'registry.json');
    await writeFile(registry, JSON.stringify({ name: 'm', aliases: {}, history: [] }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('points the champion at a new model, and leaves it when a later commit trains the same trees (other ONNX bytes)', async () => {
    expect(await moveChampion(ctx, registry, release('v1', hash('1'), 'c1'), 'first')).toBe(true);
    const before = await readFile(registry, 'utf8');
    expect(JSON.parse(before)).toMatchObject({ aliases: { champion: { modelVersion: 'v1', key: hash('1'), codeCommit: 'c1' } } });
    // Same model version from another commit: its run id differs, so its bytes do; the file stays as it is.
    expect(await moveChampion(ctx, registry, release('v1', hash('2'), 'c2'), 'rerun')).toBe(false);
    expect(await readFile(registry, 'utf8')).toBe(before);
    // Another model moves it, and history keeps the one before.
    expect(await moveChampion(ctx, registry, release('v2', hash('3'), 'c2'), 'better')).toBe(true);
    const after = await readRegistry(registry, 'm');
    expect(after.aliases['champion']?.modelVersion).toBe('v2');
    expect(after.history).toHaveLength(2);
    expect(said.at(-1)).toMatch(/champion of m is now model v2/);
  });
});
