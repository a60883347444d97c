import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeployError } from '../deploy-error.ts';

/** The variable that marks a process as ours: its value is the process's own folder. */
const MARK = 'CD4ML_INSTANCE';

/**
 * True while the process runs. A process that has exited but is not reaped yet (a zombie, whose
 * parent is init once the deploy CLI that started it has exited) counts as gone: an init that
 * reaps slowly kept `kill -0` answering for over a second here.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ...", the state after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

/**
 * True when `pid` is alive and is the process we started for `dir` (its environment carries our
 * mark), so a pid file left by a stopped process whose number was reused never makes us signal a
 * stranger. Without /proc (macOS), a live pid is trusted.
 */
export function isOurs(pid: number, dir: string): boolean {
  if (!isAlive(pid)) return false;
  const environ = `/proc/${pid}/environ`;
  if (!existsSync('/proc/self/environ')) return true;
  try {
    return readFileSync(environ, 'latin1').split('\0').includes(`${MARK}=${resolve(dir)}`);
  } catch {
    return false;
  }
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

/** Refuses a port something else listens on, naming it and the way out. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', () => rej(new DeployError('PORT_IN_USE', `port ${port} (${what}) is in use by another process: stop it, or choose another port (${what.includes('production') ? 'CD4ML_PRODUCTION_PORT' : 'CD4ML_STAGING_PORT'}, or environments/*/environment.json).`)));
    server.listen(port, '127.0.0.1', () => server.close(() => res()));
  });
}

/** A detached process with its output in `<dir>/<name>.log` and its pid in `<dir>/<name>.pid`. */
export async function startDetached(o: { dir: string; name: string; args: readonly string[]; cwd: string; env?: Record<string, string> }): Promise<{ pid: number; log: string }> {
  await mkdir(o.dir, { recursive: true });
  const log = join(o.dir, `${o.name}.log`);
  await appendFile(log, `\n=== ${new Date().toISOString()} ${o.args.join(' ')}\n`);
  const fd = openSync(log, 'a');
  try {
    // A small, fixed environment: what the release runs with must not depend on the deployer's shell (no NODE_OPTIONS, no loaders).
    const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'].flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]] as const]));
    const child = spawn(process.execPath, o.args, { cwd: o.cwd, detached: true, stdio: ['ignore', fd, fd], env: { ...Object.fromEntries(keep), NODE_ENV: 'production', ...o.env, [MARK]: resolve(o.dir) } });
    const pid = child.pid;
    if (pid === undefined) throw new DeployError('START_FAILED', `could not start ${o.args.join(' ')} (see ${log})`);
    child.unref();
    await writeFile(join(o.dir, `${o.name}.pid`), `${pid}\n`);
    return { pid, log };
  } finally {
    closeSync(fd);
  }
}

/** The last lines of a log, for an error message. */
export async function logTail(log: string, lines = 15): Promise<string> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}

/**
 * Stops a process we started: SIGTERM (the app drains its requests), then SIGKILL after `graceMs`.
 * A process that is gone, or is not ours, is left alone.
 */
export async function stopProcess(pid: number, dir: string, graceMs = 15_000): Promise<void> {
  if (!isOurs(pid, dir)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(20);
}
