import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tree } from './render.ts';
import { checkTarget, writeTree } from './write-tree.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-write-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const file = (text: string, executable = false) => ({ bytes: new TextEncoder().encode(text), executable });
const tree: Tree = new Map([
  ['README.md', file('# demo\n')],
  ['.ci/run', file('#!/usr/bin/env bash\n', true)],
  ['libs/a/package.json', file('{}\n')],
]);

describe('writeTree', () => {
  it('writes every file, with the executable bit where the template has it, and no staging folder left', async () => {
    await writeTree(join(root, 'demo'), tree, false);
    expect(await readFile(join(root, 'demo/libs/a/package.json'), 'utf8')).toBe('{}\n');
    const { mode } = await import('node:fs/promises').then((fs) => fs.stat(join(root, 'demo/.ci/run')));
    expect(mode & 0o111).not.toBe(0);
    expect(await readdir(root)).toEqual(['demo']);
  });

  it('leaves nothing behind when a write fails midway: no project, no staging folder', async () => {
    let n = 0;
    const failing = async (path: string, bytes: Uint8Array) => {
      if (++n === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      await writeFile(path, bytes);
    };
    await expect(writeTree(join(root, 'demo'), tree, false, failing)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(root)).toEqual([]);
  });

  it('fills an empty folder that already exists', async () => {
    await mkdir(join(root, 'empty'));
    await writeTree(join(root, 'empty'), tree, false);
    expect((await readdir(join(root, 'empty'))).sort()).toEqual(['.ci', 'README.md', 'libs']);
  });
});

describe('checkTarget', () => {
  it('refuses a non-empty folder, naming what is in it', async () => {
    await mkdir(join(root, 'busy'));
    await writeFile(join(root, 'busy/notes.txt'), 'mine');
    await expect(checkTarget(join(root, 'busy'), tree, false)).rejects.toMatchObject({ code: 'DIRECTORY_NOT_EMPTY', message: expect.stringMatching(/busy is not empty \(notes\.txt\)\. .*--force/) });
  });

  it('with force, lists the files that will be overwritten, and keeps the others', async () => {
    await mkdir(join(root, 'busy'));
    await writeFile(join(root, 'busy/README.md'), 'mine');
    await writeFile(join(root, 'busy/notes.txt'), 'mine');
    expect(await checkTarget(join(root, 'busy'), tree, true)).toEqual(['README.md']);
    await writeTree(join(root, 'busy'), tree, true);
    expect(await readFile(join(root, 'busy/notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(root, 'busy/README.md'), 'utf8')).toBe('# demo\n');
  });

  it('refuses a target that is a file', async () => {
    await writeFile(join(root, 'f'), 'x');
    await expect(checkTarget(join(root, 'f'), tree, false)).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
  });
});
