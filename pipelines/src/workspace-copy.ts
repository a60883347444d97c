import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

export const source = findWorkspaceRoot(import.meta.dirname);

/** Copies the workspace's files (not data, dist or caches) to a temporary folder that shares node_modules. */
export async function copyWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-copy-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(source, file), join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // a file deleted but not yet staged
    });
  }
  await symlink(join(source, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Replaces a snippet of a file of the copy (it must be there); returns a function that puts it back. */
export async function edit(workspace: string, file: string, from: string, to: string): Promise<() => Promise<void>> {
  const path = join(workspace, file);
  const before = await readFile(path, 'utf8');
  if (!before.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update the test that edits it`);
  await writeFile(path, before.replace(from, to));
  return () => writeFile(path, before);
}
