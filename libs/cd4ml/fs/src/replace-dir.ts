import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Builds a directory's new content in a temporary sibling, then swaps it in, so a crash mid-way
 * leaves the previous content intact and never a mix of old and new files.
 *
 * @example await replaceDirAtomic('data/raw/default', async (tmp) => writeFiles(tmp))
 */
export async function replaceDirAtomic<T>(dir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  const tmp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(tmp, { recursive: true });
  try {
    const result = await fill(tmp);
    const old = `${tmp}.old`;
    await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
