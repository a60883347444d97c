import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workspaceRoot } from './build-fixture-model.ts';

/**
 * The thin end-to-end slice: data generated, ingested and trained by the real CLIs (global setup),
 * then the real server process started on a free port and asked for a forecast over HTTP.
 */
describe('the whole slice', () => {
  const fixture = inject('fixture');
  let server: ChildProcess;
  let base: string;

  beforeAll(async () => {
    server = spawn(join(workspaceRoot, 'node_modules/.bin/tsx'), ['apps/sales-web/src/main.ts'], {
      cwd: workspaceRoot,
      env: { ...process.env, PORT: '0', MODEL_DIR: fixture.model },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout!.setEncoding('utf8');
    for await (const chunk of server.stdout!) {
      out += chunk as string;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (match) {
        base = match[1]!;
        break;
      }
    }
  });

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      const [code] = await once(server, 'exit');
      expect(code).toBe(0); // graceful shutdown
    }
  });

  it('each stage reports what it did', () => {
    const [generate, ingest, train] = fixture.log;
    expect(generate).toMatch(/generated .* train\.csv \d+/);
    expect(ingest).toMatch(/(\d+) rows in = (\d+) train \+ (\d+) valid \+ 0 quarantined \+ \d+ returns excluded/);
    expect(train).toMatch(/validation NWRMSLE [\d.]+ \| seasonal naive [\d.]+/);
  });

  it('the trained model beats the seasonal-naive baseline', () => {
    const [, nwrmsle, naive] = /validation NWRMSLE ([\d.]+) \| seasonal naive ([\d.]+)/.exec(fixture.log[2]!)!;
    expect(Number(nwrmsle)).toBeLessThan(Number(naive));
  });

  it('serves a JSON forecast for a date and an item from the real server process', async () => {
    expect(base).toBeDefined();
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    const response = await fetch(`${base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { forecast: { unit_sales: number; item_nbr: number; store_nbr: number }; modelVersion: string };
    expect(body.forecast).toMatchObject({ item_nbr: 99197, store_nbr: 44, date: '2017-08-16' });
    expect(body.forecast.unit_sales).toBeGreaterThan(0);
    expect(body.modelVersion).toMatch(/^[0-9a-f]{12}$/);
  });
});
