import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './build-fixture-model.ts';
import { lineOf } from './line-of.ts';

const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
const main = 'apps/sales-web/src/main.ts';
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(tsx, [main, ...args], { cwd: workspaceRoot, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

/** The server's command line: typed options with environment fallbacks, and no default model path. */
describe('sales-web command line', () => {
  it('explains its options and their environment variables with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' '); // commander wraps lines at the terminal width
    for (const [option, env] of [['--model <dir>', 'MODEL_DIR'], ['--port <n>', 'PORT'], ['--actuals <file>', 'ACTUALS_FILE'], ['--prediction-log <file>', 'PREDICTION_LOG']]) {
      expect(help).toContain(option);
      expect(help).toMatch(new RegExp(`env: ${env}\\)`));
    }
  });

  it.each([
    ['no model at all', [], {}, /required option '--model <dir>' not specified/],
    ['a port out of range', ['--model', 'x', '--port', '70000'], {}, /option '--port <n>' argument '70000' is invalid\. expected a whole number from 0 to 65535/],
    ['a bad PORT', ['--model', 'x'], { PORT: 'eighty' }, /option '--port <n>' value 'eighty' from env 'PORT' is invalid/],
  ])('refuses %s with a plain message and exit code 1', async (_, args, env, message) => {
    const { code, stderr } = await run(args, env);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('starts alive but not ready when the model folder is missing, and says why', async () => {
    const missing = join(workspaceRoot, 'dist', 'no-such-model');
    const server = spawn(tsx, [main, '--port', '0'], { cwd: workspaceRoot, env: { ...process.env, MODEL_DIR: missing }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [complaint, banner] = await Promise.all([lineOf(server.stderr, /model not loaded/), lineOf(server.stdout, /listening on/)]);
      expect(complaint).toContain(`no model in ${missing}`);
      expect(banner).toContain('NO MODEL (not ready)');
      const base = /(http:\/\/localhost:\d+)/.exec(banner)![1]!;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(z.object({ reason: z.string() }).parse(await ready.json()).reason).toMatch(new RegExp(`^no model in ${missing} \\(no manifest\\.json\\)`));
    } finally {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    }
  });
});
