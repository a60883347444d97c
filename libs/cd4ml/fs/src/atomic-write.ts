import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { injectedEnospc } from './_fault-hooks.ts';
import { deadLeftovers, tempSibling } from './_leftovers.ts';
import { fileWriteErrorFrom } from './file-error.ts';

/**
 * Writes a file so that readers see either the old content or the whole new content, never a
 * half-written file: the bytes go to a temporary sibling, are fsynced, then renamed over the target.
 * Any failure (a full disk, a read-only folder) is a `FileError` with code `FILE_UNWRITABLE` that
 * names `path`, and leaves the old file as it was. Temporaries of killed writers are removed.
 *
 * @example await writeFileAtomic('dist/model.onnx', bytes)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempSibling(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(tmp, 'w');
    try {
      const injected = injectedEnospc(path);
      if (injected) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        await handle.write(bytes.subarray(0, bytes.byteLength >> 1));
        throw injected;
      }
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw fileWriteErrorFrom(error, path);
  }
  for (const leftover of await deadLeftovers(path)) await rm(leftover.path, { force: true, recursive: true });
}

/** {@link writeFileAtomic} for JSON, pretty-printed with a trailing newline so diffs stay readable. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
