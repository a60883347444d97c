import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { predictionLineSchema } from '../prediction-log/prediction-line.ts';
import type { ToyGates } from '../test-support/toy-model.ts';

const cli = join(import.meta.dirname, '../test-support/toy-serve-cli.ts');
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Every line of `stream` as it comes; `find` resolves with the first that matches, seen or to come: a test waits for the process's own word, never a timer. */
function watch(stream: Readable) {
  const seen: string[] = [];
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => seen.push(line));
  const closed = once(lines, 'close');
  const find = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const hit = seen.find((l) => pattern.test(l));
        if (hit === undefined) return;
        lines.off('line', check);
        resolve(hit);
      };
      lines.on('line', check);
      void closed.then(() => reject(new Error(`no line matching ${pattern} in:\n${seen.join('\n')}`)));
      check();
    });
  return { find, all: () => closed.then(() => seen.join('\n')) };
}

/** Starts the toy app (node with tsx as a loader, so signals reach the server itself). */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, stdout: watch(child.stdout), stderr: watch(child.stderr) };
}
async function modelDir(gates: ToyGates): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'serve-')), 'model');
  await mkdir(dir);
  await writeFile(join(dir, 'toy.json'), JSON.stringify({ gates }));
  return dir;
}
const baseOf = (banner: string) => /(http:\/\/localhost:\d+)/.exec(banner)![1]!;

describe('the standard serving command line', () => {
  it('explains every option and its environment variable with --help', async () => {
    const { stdout, exited } = start(['--help']);
    const help = (await stdout.all()).replace(/\s+/g, ' '); // commander wraps lines at the terminal width
    expect(await exited).toBe(0);
    for (const [option, env] of [
      ['--model <dir>', 'MODEL_DIR'], ['--host <address>', 'HOST'], ['--port <n>', 'PORT'], ['--actuals <file>', 'ACTUALS_FILE'], ['--actuals-max-bytes <n>', 'ACTUALS_MAX_BYTES'], ['--actuals-keep <n>', 'ACTUALS_KEEP'],
      ['--prediction-log <file>', 'PREDICTION_LOG'], ['--prediction-log-max-unwritten <lines>', 'PREDICTION_LOG_MAX_UNWRITTEN'], ['--prediction-log-when-full <policy>', 'PREDICTION_LOG_WHEN_FULL'],
      ['--prediction-log-max-bytes <n>', 'PREDICTION_LOG_MAX_BYTES'], ['--prediction-log-keep <n>', 'PREDICTION_LOG_KEEP'], ['--shutdown-grace <ms>', 'SHUTDOWN_GRACE_MS'], ['--release <id>', 'CD4ML_RELEASE'],
    ]) {
      expect(help).toContain(option);
      expect(help).toMatch(new RegExp(`env: ${env}\\)`));
    }
  });

  it('serves the model, logs each prediction, shows the release in model_info, and on SIGTERM flushes the log and exits 0', async () => {
    const dir = await modelDir('passed');
    const log = join(dir, '..', 'predictions.jsonl');
    const actuals = join(dir, '..', 'actuals.jsonl');
    const { child, exited, stdout } = start(['--model', dir, '--port', '0', '--prediction-log', log, '--actuals', actuals], { CD4ML_RELEASE: 'r-1234' });
    const banner = await stdout.find(/listening on/);
    expect(banner).toMatch(/^toy-web listening on http:\/\/localhost:\d+ with model toy-1\. Try:$/);
    const base = baseOf(banner);
    expect(await stdout.find(/curl/)).toBe(`  curl '${base}/api/v1/predict?x=1'`);
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready', modelVersion: 'toy-1' });
    expect(await (await fetch(`${base}/api/v1/predict?x=21`, { headers: { 'x-request-id': 'one' } })).json()).toEqual({ y: 42 });
    expect((await fetch(`${base}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actuals: [{ x: 21, y: 40 }] }) })).status).toBe(202);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^model_info\{model_version="toy-1",.*release_id="r-1234"\} 1$/m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const line = predictionLineSchema.parse(JSON.parse(await readFile(log, 'utf8')));
    expect(line).toMatchObject({ service: 'toy-web', logVersion: 1, requestId: 'one', modelVersion: 'toy-1', input: { x: 21 }, output: { y: 42 }, features: [21] });
    expect(await readFile(actuals, 'utf8')).toMatch(/^\{"x":21,"y":40,"receivedAt":".*","requestId":".*","modelVersion":"toy-1"\}\n$/);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['no model in the folder', () => Promise.resolve('/nowhere/model'), /^toy-web: model not loaded, not ready: no model in \/nowhere\/model \(no toy\.json\)$/],
    ['a model never gated', () => modelDir('none'), /^toy-web: not ready: model toy-1 has no gates\.json: serve the gate stage's output \(npx nx run toy-model:gate\), not the train stage's$/],
  ])('starts alive but not ready, saying why on stderr and /ready, with %s', async (_, dir, reason) => {
    const { child, exited, stdout, stderr } = start(['--model', await dir(), '--port', '0']);
    const [complaint, banner] = await Promise.all([stderr.find(/not ready/), stdout.find(/listening on/)]);
    expect(complaint).toMatch(reason);
    expect((await fetch(`${baseOf(banner)}/health`)).status).toBe(200);
    const ready = await fetch(`${baseOf(banner)}/ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'not ready', reason: complaint.replace(/^toy-web: (model not loaded, )?not ready: /, '') }]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a port in use with a plain message and exit code 1', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    try {
      const address = taken.address();
      const port = String(typeof address === 'object' && address ? address.port : 0);
      const { exited, stderr, stdout } = start(['--model', await modelDir('passed'), '--port', port]);
      expect(await exited).toBe(1);
      expect(await stderr.all()).toMatch(new RegExp(`^toy-web: port ${port} is in use; pass --port \\(or PORT\\) with another port$`, 'm'));
      expect(await stderr.all()).not.toMatch(/\n\s+at /);
      expect(await stdout.all()).toBe('');
    } finally {
      taken.close();
    }
  });

  it('exits 1 after the shutdown grace, naming the in-flight requests it dropped', async () => {
    const { child, exited, stdout, stderr } = start(['--model', await modelDir('passed'), '--port', '0', '--shutdown-grace', '100']);
    const base = baseOf(await stdout.find(/listening on/));
    const hanging = fetch(`${base}/api/v1/hang`).catch(() => 'cut');
    await stderr.find(/hanging/);
    child.kill('SIGTERM');
    expect(await stderr.find(/grace period/)).toBe('toy-web: SIGTERM: grace period of 100 ms over; exiting with 1 in-flight request dropped');
    expect(await exited).toBe(1);
    expect(await hanging).toBe('cut');
  });
});
