import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { predictionLineSchema } from '@cd4ml/serving';
import { describe, expect, inject, it } from 'vitest';

/** The server process with the standard command line, as the platform starts a release; resolves with its URL once it listens. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      const m = /listening on (http:\/\/\S+) /.exec(line);
      if (m) return m[1]!;
    }
    throw new Error('main.ts exited before listening');
  })();
  return { child, exited, url };
}

describe('main.ts: the standard serving command line', () => {
  it('serves the gated model with its release id, logs each forecast to --prediction-log, and on SIGTERM flushes it and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rentals-main-'));
    const log = join(dir, 'predictions.jsonl');
    const app = start(['--model', inject('fixture').gated, '--port', '0', '--prediction-log', log, '--actuals', join(dir, 'actuals.jsonl')], { CD4ML_RELEASE: 'r-main' });
    const base = (await app.url).replace('localhost', '127.0.0.1');
    expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'ready' });
    const answer = await fetch(`${base}/api/v1/forecast?date=2025-01-06&station=central&temperature=4.5&precipitation=0`, { headers: { 'x-request-id': 'main-1' } });
    expect(answer.status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^model_info\{.*release_id="r-main"\} 1$/m);
    const actuals = await fetch(`${base}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actuals: [{ date: '2025-01-06', station: 'central', rentals: 60 }] }) });
    expect(actuals.status).toBe(202);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(predictionLineSchema.parse(JSON.parse(await readFile(log, 'utf8')))).toMatchObject({ service: 'rentals-web', requestId: 'main-1', input: { station: 'central' } });
  });
});
