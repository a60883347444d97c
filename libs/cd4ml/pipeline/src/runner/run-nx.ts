import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Where output goes: the runner parses stdout (task blocks) and relays stderr. */
export interface NxOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const relayTo = (stream: NodeJS.WriteStream): ((text: string) => void) => (text) => stream.write(text);
const TERMINAL: NxOutput = { stdout: relayTo(process.stdout), stderr: relayTo(process.stderr) };

/** The workspace's own Nx entry point (`node_modules/nx/bin/nx.js`). */
export function nxBin(workspaceRoot: string): string {
  const bin = join(workspaceRoot, 'node_modules', 'nx', 'bin', 'nx.js');
  if (!existsSync(bin)) throw new CliError('NX_NOT_INSTALLED', `${bin} does not exist: install the workspace's dependencies first (npm ci).`);
  return bin;
}

/**
 * Variables of an outer Nx run (a bench or a test started by `nx run`) that must not reach this
 * one: they would make it think it is a task of the outer run.
 */
export function withoutOuterNx(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('NX_') || k === 'NX_DAEMON' || k === 'NX_CACHE_DIRECTORY' || k === 'NX_NO_CLOUD'));
}

/**
 * Runs `nx <args>` in the workspace, with Node and the workspace's own Nx (no npx: it costs about
 * 0.6 s of the 1 s a no-op run takes here), and returns Nx's own task results, read from the run
 * summary the cd4ml plugin writes after the run.
 */
export async function runNx(workspaceRoot: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, output: NxOutput = TERMINAL): Promise<NxRun> {
  const bin = nxBin(workspaceRoot);
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-run-'));
  const summaryPath = join(dir, 'summary.json');
  try {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: workspaceRoot,
      env: { ...withoutOuterNx(process.env), NX_TUI: 'false', NX_SKIP_LOG_GROUPING: 'true', ...env, [RUN_SUMMARY_ENV]: summaryPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // npm 11 warns about the .npmrc key that npm 10 machines need (onnxruntime's install); it is noise here.
    // Nx itself warns about its many signal listeners on a graph of a dozen tasks; not the user's concern either.
    const clean = (text: string) => text.replace(/^npm warn Unknown project config .*\n/gm, '').replace(/^\(node:\d+\) MaxListenersExceededWarning: .*\n|^\(Use `node --trace-warnings .*\n/gm, '');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.stdout(clean(chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.stderr(clean(chunk)));
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => reject(new CliError('NX_NOT_STARTED', `could not start Nx (${error.code ?? error.message}) with ${process.execPath}; were the dependencies installed with npm ci?`)));
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
