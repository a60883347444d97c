import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-atomic-'));
  await writeFile(join(dir, 'f.txt'), 'old');
});

describe('writeFileAtomic', () => {
  it('replaces the old content and leaves no temporary', async () => {
    await writeFileAtomic(join(dir, 'f.txt'), 'new');
    expect(await readFile(join(dir, 'f.txt'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['f.txt']);
  });

  it('keeps the old file and removes the temporary when the write fails', async () => {
    // A number is not valid data: the handle write throws after the temporary was opened.
    await expect(writeFileAtomic(join(dir, 'f.txt'), 42 as unknown as string)).rejects.toThrow();
    expect(await readFile(join(dir, 'f.txt'), 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['f.txt']);
  });

  it('writes pretty JSON with a trailing newline', async () => {
    await writeJsonAtomic(join(dir, 'sub', 'm.json'), { a: 1 });
    expect(await readFile(join(dir, 'sub', 'm.json'), 'utf8')).toBe('{\n  "a": 1\n}\n');
  });
});
