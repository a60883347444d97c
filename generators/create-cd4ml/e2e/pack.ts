import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The create-cd4ml tarball `npm pack` made for this run. */
    tarball: string;
  }
}

/** Global setup: `npm pack` the package once, as a user would receive it, for every e2e file. */
export default async function setup(project: TestProject): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack wrote no tarball in ${dir}`);
  project.provide('tarball', join(dir, tgz));
}

/** The environment of a generated project's commands: no Nx variables of the outer run, no daemon, no telemetry. */
export function projectEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_') && !k.startsWith('npm_') && !k.startsWith('CD4ML_TEST_TMPDIR') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));
  return { ...env, CI: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', PACT_DO_NOT_TRACK: 'true', ...extra };
}

/**
 * Runs a shell command in a generated project; resolves with its exit code and output (both streams),
 * with colour codes removed: a CI machine's terminal settings can make Nx colour its summary.
 */
export function sh(cwd: string, command: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const child = spawn('bash', ['-c', command], { cwd, env: projectEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: stripVTControlCharacters(output) }));
  });
}

/**
 * What to show when a command of a generated project failed: the output of each task Nx lists
 * under "Failed tasks" (its lines carry the project's prefix under --outputStyle=stream), then the
 * tail. The tail alone often misses the failure: other tasks keep printing after it.
 */
export function failureReport(output: string): string {
  const failed = [...output.matchAll(/^- ([\w@/.-]+):[\w-]+$/gm)].map((m) => m[1]!);
  const sections = [...new Set(failed)].map((project) => {
    const lines = output.split('\n').filter((l) => l.startsWith(`${project}:`));
    return `── output of ${project} ──\n${lines.join('\n').slice(-8000)}`;
  });
  return [...sections, `── last lines ──\n${output.slice(-4000)}`].join('\n');
}

/** Starts a long-running command and resolves when its output matches `ready`; the caller stops it. */
export function start(cwd: string, command: string, ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  // Its own process group, so stopping it stops npm, Nx and the server under it.
  const child = spawn('bash', ['-c', command], { cwd, env: projectEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const check = (d: Buffer) => {
      output += d.toString('utf8');
      const match = ready.exec(stripVTControlCharacters(output));
      if (match) resolve({ child, match, output: () => stripVTControlCharacters(output) });
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('close', (code) => reject(new Error(`${command} exited with ${code} before it was ready:\n${output.slice(-4000)}`)));
  });
}

/** Stops a started command and everything under it, and waits for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('close', resolve));
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
