import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { replaceDirAtomic } from './replace-dir.ts';

let root: string;
let target: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-replace-'));
  target = join(root, 'out');
  await mkdir(target);
  await writeFile(join(target, 'old.txt'), 'old');
});

describe('replaceDirAtomic', () => {
  it('swaps in the new content, drops the old files and leaves no temporary', async () => {
    const result = await replaceDirAtomic(target, async (tmp) => {
      await writeFile(join(tmp, 'new.txt'), 'new');
      return 7;
    });
    expect(result).toBe(7);
    expect(await readdir(target)).toEqual(['new.txt']);
    expect(await readFile(join(target, 'new.txt'), 'utf8')).toBe('new');
    expect(await readdir(root)).toEqual(['out']);
  });

  it('creates the directory when it did not exist', async () => {
    await replaceDirAtomic(join(root, 'fresh'), async (tmp) => writeFile(join(tmp, 'a.txt'), 'a'));
    expect(await readdir(join(root, 'fresh'))).toEqual(['a.txt']);
  });

  it('keeps the previous folder intact and removes the temporary when fill fails midway', async () => {
    await expect(
      replaceDirAtomic(target, async (tmp) => {
        await writeFile(join(tmp, 'new.txt'), 'half');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readdir(target)).toEqual(['old.txt']);
    expect(await readFile(join(target, 'old.txt'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['out']);
  });
});
