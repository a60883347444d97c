import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

const root = findWorkspaceRoot(import.meta.dirname);

/** Test support (never imported by a stage): runs one of this lib's CLIs with tsx, as a user would, from the workspace root. */
export function runCli(script: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(join(root, 'node_modules/.bin/tsx'), [join(root, 'libs/sales/data/src', script), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
