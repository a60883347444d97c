import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { describe, expect, inject, it } from 'vitest';
import { alterFirstItemMean, copyArtifact } from './artifact-copy.ts';
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
    for (const [option, env] of [['--model <dir>', 'MODEL_DIR'], ['--host <address>', 'HOST'], ['--port <n>', 'PORT'], ['--actuals <file>', 'ACTUALS_FILE'], ['--prediction-log <file>', 'PREDICTION_LOG']]) {
      expect(help).toContain(option);
      expect(help).toMatch(new RegExp(`env: ${env}\\)`));
    }
  });

  it.each([
    ['no model at all', [], {}, /required option '--model <dir>' not specified/],
    ['a port out of range', ['--model', 'x', '--port', '70000'], {}, /option '--port <n>' argument '70000' is invalid\. expected a whole number from 0 to 65535/],
    ['a bad PORT', ['--model', 'x'], { PORT: 'eighty' }, /option '--port <n>' value 'eighty' from env 'PORT' is invalid/],
    // 192.0.2.1 is a documentation address (RFC 5737): no interface of this machine has it.
    ['an address of no interface', ['--model', 'x', '--port', '0', '--host', '192.0.2.1'], {}, /no interface has the address 192\.0\.2\.1; pass --host \(or HOST\)/],
  ])('refuses %s with a plain message and exit code 1', async (_, args, env, message) => {
    const { code, stderr } = await run(args, env);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  // Every 127.x.y.z address reaches the loopback interface on Linux, so a server bound to every
  // interface would answer on 127.0.0.2 too; one bound to 127.0.0.1 alone refuses it.
  it.each([
    ['listens on 127.0.0.1 alone by default', {}, false],
    ['listens on every interface with HOST=0.0.0.0 (a container)', { HOST: '0.0.0.0' }, true],
  ])('%s', async (_, env, reachableElsewhere) => {
    const server = spawn(tsx, [main, '--port', '0', '--model', join(workspaceRoot, 'dist', 'no-such-model')], { cwd: workspaceRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = /localhost:(\d+)/.exec(await lineOf(server.stdout, /listening on/))![1]!;
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const elsewhere = await fetch(`http://127.0.0.2:${port}/health`).then((r) => r.status, (error: Error) => (error.cause as NodeJS.ErrnoException).code);
      expect(elsewhere).toBe(reachableElsewhere ? 200 : 'ECONNREFUSED');
    } finally {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      await exited;
    }
  });

  it.each([
    ['the model folder is missing', () => Promise.resolve(join(workspaceRoot, 'dist', 'no-such-model')), (dir: string) => new RegExp(`^no model in ${dir} \\(no manifest\\.json\\)`)],
    [
      "model.json's statistics were altered and its manifest rewritten to match (the holdout replay catches it)",
      () => copyArtifact(inject('fixture').model, alterFirstItemMean),
      (dir: string) => new RegExp(`^${dir}/holdout\\.json: replayed through ${dir}/model\\.onnx with the features of ${dir}/model\\.json, \\d+ of \\d+ rows predict other values`),
    ],
  ])('starts alive but not ready (503 naming the file) when %s', async (_, modelDir, reason) => {
    const dir = await modelDir();
    const server = spawn(tsx, [main, '--port', '0'], { cwd: workspaceRoot, env: { ...process.env, MODEL_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [complaint, banner] = await Promise.all([lineOf(server.stderr, /model not loaded/), lineOf(server.stdout, /listening on/)]);
      expect(complaint).toMatch(new RegExp(reason(dir).source.slice(1)));
      expect(banner).toContain('NO MODEL (not ready)');
      const base = /(http:\/\/localhost:\d+)/.exec(banner)![1]!;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(z.object({ reason: z.string() }).parse(await ready.json()).reason).toMatch(reason(dir));
    } finally {
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    }
  });
});
