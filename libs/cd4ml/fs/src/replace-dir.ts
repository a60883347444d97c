import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { killAtSwap } from './_fault-hooks.ts';
import { deadLeftovers, tempSibling } from './_leftovers.ts';

/**
 * Builds a directory's new content in a temporary sibling, then swaps it in, so a crash mid-way
 * leaves the previous content intact and never a mix of old and new files.
 *
 * The swap is two renames: the old folder aside (`.<name>.<pid>-<hex>.tmp.old`), the new one in.
 * A SIGKILL between them leaves nothing at `dir` for a moment; {@link recoverDir} puts the old
 * folder back, and every writer (this function, first thing) and every reader that finds `dir`
 * missing (`readTextFile`, `readJsonFile`) calls it. It also removes the temporaries of killed runs.
 *
 * @example await replaceDirAtomic('data/raw/default', async (tmp) => writeFiles(tmp))
 */
export async function replaceDirAtomic<T>(dir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await recoverDir(dir);
  const tmp = tempSibling(dir);
  const old = `${tmp}.old`;
  await mkdir(tmp, { recursive: true });
  let movedAside = false;
  try {
    const result = await fill(tmp);
    movedAside = await rename(dir, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        return false;
      },
    );
    killAtSwap(dir);
    await rename(tmp, dir);
    if (movedAside) await rm(old, { recursive: true, force: true });
    return result;
  } catch (error) {
    // The new folder could not be renamed in: the old one goes back where it was.
    if (movedAside && !(await exists(dir))) await rename(old, dir);
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Repairs what a killed {@link replaceDirAtomic} left around `dir`: when `dir` is missing and a
 * dead writer had moved the previous content aside, that content is renamed back; then the
 * temporaries of dead writers are removed. A live writer's temporaries are left alone.
 *
 * @returns true when the previous content was put back
 */
export async function recoverDir(dir: string): Promise<boolean> {
  const leftovers = await deadLeftovers(dir);
  if (leftovers.length === 0) return false;
  let restored = false;
  const aside = leftovers.find((l) => l.old);
  if (aside && !(await exists(dir))) {
    await rename(aside.path, dir);
    restored = true;
  }
  for (const l of leftovers) if (!(restored && l === aside)) await rm(l.path, { recursive: true, force: true });
  return restored;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
