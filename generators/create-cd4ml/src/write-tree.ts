import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Tree } from './render.ts';

/** The target folder cannot take the new workspace. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
  constructor(
    readonly code: 'DIRECTORY_NOT_EMPTY' | 'NOT_A_DIRECTORY',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks that the workspace may be written to `directory`: it does not exist, is empty, or `force`
 * allows writing into it. Done before any rendering output reaches the disk.
 *
 * @returns the files of the tree that already exist there (only with `force`)
 */
export async function checkTarget(directory: string, tree: Tree, force: boolean): Promise<string[]> {
  const info = await stat(directory).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) throw new TargetError('NOT_A_DIRECTORY', `${directory} exists and is not a folder; choose another name or folder.`);
  const entries = await readdir(directory);
  if (entries.length === 0) return [];
  if (!force) {
    const some = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, and ${entries.length - 5} more` : '');
    throw new TargetError('DIRECTORY_NOT_EMPTY', `${directory} is not empty (${some}). Choose an empty or new folder, or pass --force to write into it (files the template holds are overwritten, and listed).`);
  }
  const existing: string[] = [];
  for (const path of tree.keys()) if (await stat(join(directory, path)).then(() => true, () => false)) existing.push(path);
  return existing;
}

/** How one file is written; tests pass one that fails midway. */
export type FileWriter = (path: string, bytes: Uint8Array) => Promise<void>;

/**
 * Writes the tree. Into a new or empty folder it is all or nothing: the files go to a hidden
 * sibling folder that is renamed into place only when every file is written, so a failure never
 * leaves a half-written project. With `force` into a non-empty folder, files are written one by one.
 */
export async function writeTree(directory: string, tree: Tree, force: boolean, write: FileWriter = writeFile): Promise<void> {
  const info = await stat(directory).catch(() => undefined);
  const nonEmpty = info?.isDirectory() === true && (await readdir(directory)).length > 0;
  if (nonEmpty && force) {
    await writeFiles(directory, tree, write);
    return;
  }
  const staging = join(dirname(directory), `.${basename(directory)}.create-cd4ml-${randomBytes(4).toString('hex')}`);
  try {
    await writeFiles(staging, tree, write);
    if (info) await rmdir(directory); // empty, checked above
    await rename(staging, directory);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function writeFiles(root: string, tree: Tree, write: FileWriter): Promise<void> {
  for (const [path, file] of tree) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await write(target, file.bytes);
    if (file.executable) await chmod(target, 0o755);
  }
}
