import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-atomic-'));
  await writeFile(join(dir, 'f.txt'), 'old');
});

afterEach(() => {
  delete process.env['CD4ML_FAULT'];
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

  it('names the file when the disk is full, and leaves the old file and no temporary', async () => {
    process.env['CD4ML_FAULT'] = `enospc:${join(dir, 'f.txt')}`;
    // Node's own error for this names no path: "ENOSPC: no space left on device, write".
    await expect(writeFileAtomic(join(dir, 'f.txt'), 'new content')).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
      message: `${join(dir, 'f.txt')} could not be written: no space left on device (ENOSPC). Free some space and run again.`,
    });
    expect(await readFile(join(dir, 'f.txt'), 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['f.txt']);
  });

  it('removes the temporaries a killed writer left beside the file', async () => {
    await writeFile(join(dir, '.f.txt.1-0123456789ab.tmp'), 'half'); // pid 1 is init: alive, but...
    await writeFile(join(dir, '.f.txt.0123456789ab.tmp'), 'half'); // ...a name without a pid is from before pids
    await writeFileAtomic(join(dir, 'f.txt'), 'new');
    expect((await readdir(dir)).sort()).toEqual(['.f.txt.1-0123456789ab.tmp', 'f.txt']);
  });

  it('writes pretty JSON with a trailing newline', async () => {
    await writeJsonAtomic(join(dir, 'sub', 'm.json'), { a: 1 });
    expect(await readFile(join(dir, 'sub', 'm.json'), 'utf8')).toBe('{\n  "a": 1\n}\n');
  });
});
