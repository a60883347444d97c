import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { workspaceRoot } from './_server.ts';

/** How a stage's CLI ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a stage's CLI as its Nx target does, in one node process (node --import tsx), so a SIGKILL
 * the `CD4ML_FAULT` hook sends is the stage's own death, seen here as the signal.
 * @param fault the `CD4ML_FAULT` value, e.g. `kill-at-swap:/tmp/x/out` (see @cd4ml/fs)
 */
export function runCli(script: string, args: string[], fault?: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  if (fault) env['CD4ML_FAULT'] = fault;
  else delete env['CD4ML_FAULT'];
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(workspaceRoot, script), ...args], { cwd: workspaceRoot, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
      resolve({ code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0, signal: failure?.signal ?? null, stdout, stderr });
    });
  });
}

/** Hidden temporaries beside `dir` (`.<name>.*`): what a killed swap leaves until a reader or writer recovers. */
export async function leftoversBeside(dir: string): Promise<string[]> {
  return (await readdir(dirname(dir))).filter((n) => n.startsWith(`.${basename(dir)}.`));
}
