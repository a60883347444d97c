import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

export const workspaceRoot = findWorkspaceRoot(import.meta.dirname);

/** The real sales-web server in a process of its own, on a free port. */
export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  /** Resolves with `performance.now()` when a line matching `pattern` arrives on stderr: the server's own word for when something happened. */
  said(pattern: RegExp): Promise<number>;
  /** Its exit: code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts `apps/sales-web/src/main.ts` with `args`, as one node process (node --import tsx, no tsx
 * wrapper), so a SIGKILL sent to it kills the server itself; resolves once it listens.
 */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(workspaceRoot, 'apps/sales-web/src/main.ts'), '--port', '0', ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  const waiting: { pattern: RegExp; resolve: (at: number) => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    for (const w of waiting.splice(0)) if (w.pattern.test(err)) w.resolve(performance.now());
    else waiting.push(w);
  });
  const said = (pattern: RegExp) => new Promise<number>((resolve) => (pattern.test(err) ? resolve(performance.now()) : waiting.push({ pattern, resolve })));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, at: performance.now() }));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    });
    void exited.then(({ code }) => reject(new Error(`the server exited with ${code} before listening:\n${err}`)));
  });
  return { child, base, stderr: () => err, said, exited };
}
