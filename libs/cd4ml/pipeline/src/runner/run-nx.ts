import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '@cd4ml/cli';
import { readJsonFile } from '@cd4ml/fs';
import { RUN_SUMMARY_ENV, runSummarySchema, type RunSummary } from '../nx-plugin/run-summary.ts';

/** One Nx invocation's exit code and what each of its tasks did (from the plugin's post-run hook). */
export interface NxRun {
  code: number;
  summary: RunSummary;
}

/**
 * Runs `nx <args>` in the workspace with its output streamed to this terminal, and returns Nx's own
 * task results, read from the run summary the cd4ml plugin writes after the run.
 */
export async function runNx(workspaceRoot: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<NxRun> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-run-'));
  const summaryPath = join(dir, 'summary.json');
  try {
    const child = spawn('npx', ['nx', ...args], {
      cwd: workspaceRoot,
      env: { ...process.env, ...env, [RUN_SUMMARY_ENV]: summaryPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // npm 11 warns about the .npmrc key that npm 10 machines need (onnxruntime's install); it is noise here.
    const relay = (to: NodeJS.WriteStream) => (chunk: Buffer) => to.write(chunk.toString('utf8').replace(/^npm warn Unknown project config .*\n/gm, ''));
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(new CliError('NX_NOT_STARTED', `could not start npx nx (${error.code ?? error.message}); is Node's npx on the PATH, and were the dependencies installed with npm ci?`)),
      );
      child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
    });
    const summary = await readJsonFile(summaryPath, runSummarySchema, { what: 'Nx run summary' }).catch(() => {
      throw new CliError('NX_NO_SUMMARY', `Nx exited with code ${code} before running any task (see its message above): the project graph or a cd4ml.json may be invalid.`);
    });
    return { code, summary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
