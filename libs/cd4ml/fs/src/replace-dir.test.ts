import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readTextFile } from './read-file.ts';
import { recoverDir, replaceDirAtomic } from './replace-dir.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

let root: string;
let target: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-replace-'));
  target = join(root, 'out');
  await mkdir(target);
  await writeFile(join(target, 'old.txt'), 'old');
});

const workspace = findWorkspaceRoot(import.meta.dirname);

/** Runs replaceDirAtomic on `target` in a real child process, with the CD4ML_FAULT hook given. */
async function swapInChild(fault: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const script = join(await mkdtemp(join(tmpdir(), 'cd4ml-replace-child-')), 'swap.mts');
  await writeFile(
    script,
    `import { writeFile } from 'node:fs/promises';
import { replaceDirAtomic } from ${JSON.stringify(join(import.meta.dirname, 'replace-dir.ts'))};
await replaceDirAtomic(${JSON.stringify(target)}, (tmp) => writeFile(tmp + '/new.txt', 'new'));`,
  );
  // One process, no wrapper: tsx's own CLI runs the script in a child, which would hide the signal.
  const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: workspace, env: { ...process.env, CD4ML_FAULT: fault }, encoding: 'utf8' });
  return { signal: child.signal, stderr: child.stderr };
}

/** A pid that is certainly dead: a child that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999_999;

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

describe('replaceDirAtomic killed between its two renames (SIGKILL of a real process)', () => {
  it('leaves the old folder aside, and the next reader puts it back at the real path', async () => {
    const { signal, stderr } = await swapInChild(`kill-at-swap:${target}`);
    expect(signal, stderr).toBe('SIGKILL');
    // The moment of the kill: the old folder moved aside, the new one not yet renamed in.
    expect(existsSync(target)).toBe(false);
    expect(await readTextFile(join(target, 'old.txt'))).toBe('old');
    expect((await readdir(root)).filter((n) => n.endsWith('.old'))).toEqual([]);
  });

  it('the next writer puts the old folder back, removes the killed run\'s temporaries, then swaps', async () => {
    expect((await swapInChild(`kill-at-swap:${target}`)).signal).toBe('SIGKILL');
    expect((await readdir(root)).sort()).toEqual([expect.stringMatching(/^\.out\.\d+-[0-9a-f]{12}\.tmp$/), expect.stringMatching(/^\.out\.\d+-[0-9a-f]{12}\.tmp\.old$/)]);
    await replaceDirAtomic(target, (tmp) => writeFile(join(tmp, 'next.txt'), 'next'));
    expect(await readdir(root)).toEqual(['out']);
    expect(await readdir(target)).toEqual(['next.txt']);
  });

  it('is not aimed at other folders: the hook matches the target path only', async () => {
    const { signal } = await swapInChild(`kill-at-swap:${join(root, 'elsewhere')}`);
    expect(signal).toBeNull();
    expect(await readdir(target)).toEqual(['new.txt']);
  });
});

describe('recoverDir', () => {
  it('removes the temporaries of dead writers, old and new names alike, and leaves a live writer\'s alone', async () => {
    const dead = deadPid();
    const names = [`.out.${dead}-aaaaaaaaaaaa.tmp`, `.out.${dead}-bbbbbbbbbbbb.tmp.old`, '.out.cccccccccccc.tmp', `.out.${process.pid}-dddddddddddd.tmp`, '.other.eeeeeeeeeeee.tmp'];
    for (const name of names) await mkdir(join(root, name));
    expect(await recoverDir(target)).toBe(false); // out exists: nothing to put back
    expect((await readdir(root)).sort()).toEqual(['.other.eeeeeeeeeeee.tmp', `.out.${process.pid}-dddddddddddd.tmp`, 'out'].sort());
  });

  it('does not restore a folder moved aside by a writer that is still running', async () => {
    const aside = join(root, `.out.${process.pid}-ffffffffffff.tmp.old`);
    await mkdir(aside);
    await import('node:fs/promises').then((fs) => fs.rm(target, { recursive: true }));
    expect(await recoverDir(target)).toBe(false);
    expect(existsSync(aside)).toBe(true);
  });
});
