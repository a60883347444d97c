import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildManifest } from '../manifest.ts';
import { DirectoryStore } from './content-store.ts';
import { diffManifests, formatChanges } from './diff-manifest.ts';
import { pullSnapshot, pushSnapshot } from './push-pull.ts';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-snap-'));
  dir = join(root, 'data');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n3,4\n');
  await writeFile(join(dir, 'b.csv'), 'k\nv\n');
});

describe('diffManifests', () => {
  it('names added, removed and changed files with row deltas and schema changes', async () => {
    const before = await buildManifest(dir, ['a.csv', 'b.csv']);
    await writeFile(join(dir, 'a.csv'), 'x,z\n1,2\n3,4\n5,6\n');
    await writeFile(join(dir, 'c.csv'), 'n\n1\n');
    const after = await buildManifest(dir, ['a.csv', 'c.csv']);
    const changes = diffManifests(before, after);
    expect(changes.map((c) => [c.file, c.change, c.rowDelta, c.schemaChanged])).toEqual([
      ['a.csv', 'changed', 1, true],
      ['b.csv', 'removed', -1, false],
      ['c.csv', 'added', 1, false],
    ]);
    expect(formatChanges(changes)).toMatch(/changed +a\.csv +\+1 rows {2}schema: \+z -y/);
  });

  it('reports nothing changed for the same files', async () => {
    const m = await buildManifest(dir, ['a.csv', 'b.csv']);
    const changes = diffManifests(m, await buildManifest(dir, ['a.csv', 'b.csv']));
    expect(changes).toHaveLength(2);
    expect(changes.every((c) => c.change === 'unchanged')).toBe(true);
  });
});

describe('push and pull', () => {
  it('round-trips a snapshot through a content-addressed directory, storing each blob once', async () => {
    const store = new DirectoryStore(join(root, 'store'));
    const manifest = await buildManifest(dir, ['a.csv', 'b.csv']);
    expect(await pushSnapshot(dir, manifest, store)).toEqual({ uploaded: 2, present: 0 });
    expect(await pushSnapshot(dir, manifest, store)).toEqual({ uploaded: 0, present: 2 });
    const blob = manifest.files['a.csv']!.sha256;
    expect(await readdir(join(root, 'store', 'sha256', blob.slice(0, 2)))).toEqual([blob]);
    const out = join(root, 'pulled');
    await pullSnapshot(manifest, store, out);
    expect(await readFile(join(out, 'a.csv'), 'utf8')).toBe('x,y\n1,2\n3,4\n');
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).dataVersion).toBe(manifest.dataVersion);
    expect(JSON.parse(await store.getManifest(manifest.dataVersion)).files).toEqual(manifest.files);
  });

  it('refuses to push files that do not match their manifest', async () => {
    const manifest = await buildManifest(dir, ['a.csv']);
    await writeFile(join(dir, 'a.csv'), 'x,y\n');
    await expect(pushSnapshot(dir, manifest, new DirectoryStore(join(root, 'store')))).rejects.toThrow(/a\.csv: content changed/);
  });

  it('refuses a corrupt blob and a missing one, leaving no partial file', async () => {
    const store = new DirectoryStore(join(root, 'store'));
    const manifest = await buildManifest(dir, ['a.csv', 'b.csv']);
    await pushSnapshot(dir, manifest, store);
    const blob = manifest.files['a.csv']!.sha256;
    await writeFile(join(root, 'store', 'sha256', blob.slice(0, 2), blob), 'tampered\n');
    const out = join(root, 'pulled');
    await expect(pullSnapshot(manifest, store, out)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect((await readdir(out)).filter((n) => n.includes('a.csv'))).toEqual([]);
    const other = await buildManifest(dir, ['a.csv']);
    other.files['a.csv'] = { ...other.files['a.csv']!, sha256: 'f'.repeat(64) };
    await expect(pullSnapshot(other, store, join(root, 'p2'))).rejects.toThrow(/has no blob f{64}\. Push the snapshot first/);
  });
});
