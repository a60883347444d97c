import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { forecastResponseSchema } from '../src/api-responses.ts';
import { workspaceRoot } from './build-fixture-model.ts';

/**
 * The thin end-to-end slice: data generated, ingested and trained by the real CLIs (global setup),
 * then the real server process started on a free port and asked for a forecast over HTTP.
 */
describe('the whole slice', () => {
  const fixture = inject('fixture');
  let server: ChildProcess;
  let base: string;
  let out = '';

  beforeAll(async () => {
    server = spawn(join(workspaceRoot, 'node_modules/.bin/tsx'), ['apps/sales-web/src/main.ts'], {
      cwd: workspaceRoot,
      // Configured through the environment here (the other process tests pass options).
      env: { ...process.env, PORT: '0', MODEL_DIR: fixture.model },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Read stdout with a listener, not `for await … break`, which would close the pipe the
    // server writes its prediction log to.
    server.stdout!.setEncoding('utf8');
    base = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
    });
  });

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      const [code] = await once(server, 'exit');
      expect(code).toBe(0); // graceful shutdown
    }
  });

  it('each stage reports what it did', () => {
    const [generate, ingest, train, gate] = fixture.log;
    expect(generate).toMatch(/generated .* train\.csv \d+/);
    expect(ingest).toMatch(/(\d+) rows in = (\d+) train \+ (\d+) valid \+ 0 quarantined \+ (.* \+ )?\d+ returns excluded/);
    expect(train).toMatch(/validation NWRMSLE [\d.]+ \| seasonalNaive [\d.]+/);
    expect(gate).toMatch(/registered candidate .*; serving it from /);
  });

  it('the trained model beats the seasonal-naive baseline', () => {
    const [, nwrmsle, naive] = /validation NWRMSLE ([\d.]+) \| seasonalNaive ([\d.]+)/.exec(fixture.log[2]!)!;
    expect(Number(nwrmsle)).toBeLessThan(Number(naive));
  });

  it('serves a JSON forecast for a date and an item from the real server process, ready with the gated model', async () => {
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    const response = await fetch(`${base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`);
    expect(response.status).toBe(200);
    const body = forecastResponseSchema.parse(await response.json());
    expect(body.forecast).toMatchObject({ item_nbr: 99197, store_nbr: 44, date: '2017-08-16' });
    expect(body.forecast.unit_sales).toBeGreaterThan(0);
    expect(body.modelVersion).toMatch(/^[0-9a-f]{12}$/);
    // By default the prediction log is JSON lines on stdout.
    const requestId = response.headers.get('x-request-id');
    await expect.poll(() => out.split('\n').find((line) => line.includes(`"requestId":"${requestId}"`))).toBeTruthy();
    const line: unknown = JSON.parse(out.split('\n').find((l) => l.includes(`"requestId":"${requestId}"`))!);
    expect(line).toMatchObject({ modelVersion: body.modelVersion, input: { item_nbr: 99197 }, output: { unit_sales: body.forecast.unit_sales } });
  });

  it('the replenishment CLI plans orders from the real server process', async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const stock = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(stock, 'item_nbr,on_hand,case_pack\n99197,3,6\n105574,500,12\n');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(join(workspaceRoot, 'node_modules/.bin/tsx'), ['apps/replenishment-cli/src/cli.ts', '--stock', stock, '--date', '2017-08-15', '--lead-time', '3', '--api', base, '--json'], { cwd: workspaceRoot }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    const plan = z
      .object({ modelVersion: z.string(), lines: z.array(z.object({ item_nbr: z.number(), leadTimeDemand: z.number(), orderUnits: z.number(), casePack: z.number() })) })
      .parse(JSON.parse(stdout));
    expect(plan.modelVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(plan.lines.map((l) => l.item_nbr)).toEqual([99197, 105574]);
    expect(plan.lines[0]!.leadTimeDemand).toBeGreaterThan(0);
    expect(plan.lines[0]!.orderUnits % 6).toBe(0);
    expect(plan.lines[1]!.orderUnits).toBe(0); // 500 on hand covers three days of demand
  });
});
