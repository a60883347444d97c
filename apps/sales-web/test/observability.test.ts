import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workspaceRoot } from './build-fixture-model.ts';
import { startApp, type RunningApp } from './start-app.ts';

describe('/metrics in Prometheus format', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(fixture.model);
  });
  afterAll(() => app.close());

  it('counts requests by route and status, times them, and counts predictions and their values', async () => {
    await fetch(`${app.base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`);
    await fetch(`${app.base}/api/v1/forecast?date=2017-08-16&item_nbr=1`);
    await fetch(`${app.base}/api/v1/forecast/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ date: '2017-08-16', item_nbr: 99197 }, { date: '2017-08-17', item_nbr: 99197 }] }) });
    const response = await fetch(`${app.base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/forecast",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/forecast",status="404"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/api/v1/forecast/batch",status="200"} 1');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/forecast"\} \d/);
    expect(text).toContain('predictions_total 3');
    expect(text).toContain('predicted_unit_sales_count 3');
    expect(text).toContain(`model_info{model_version="${app.model.version}",data_version="${app.model.card.dataVersion}"} 1`);
  });
});

/** The real server process: prediction log to a file, and a graceful SIGTERM that drains in-flight requests. */
describe('the server process', () => {
  const fixture = inject('fixture');
  let server: ChildProcess;
  let port: number;
  let logFile: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sales-web-proc-'));
    logFile = join(dir, 'predictions.jsonl');
    server = spawn(join(workspaceRoot, 'node_modules/.bin/tsx'), ['apps/sales-web/src/main.ts'], {
      cwd: workspaceRoot,
      env: { ...process.env, PORT: '0', MODEL_DIR: fixture.model, PREDICTION_LOG: logFile, ACTUALS_FILE: join(dir, 'actuals.jsonl') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout!.setEncoding('utf8');
    for await (const chunk of server.stdout!) {
      out += chunk as string;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (match) {
        port = Number(match[1]);
        break;
      }
    }
  });
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('drains an in-flight request on SIGTERM, refuses new connections, flushes the log and exits 0', async () => {
    // Half a request: headers and part of the body, so it is in flight when SIGTERM arrives.
    const body = JSON.stringify({ date: '2017-08-16', item_nbr: 99197 });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`POST /api/v1/forecast HTTP/1.1\r\nHost: x\r\nX-Request-Id: in-flight\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow(); // no longer accepting
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // The rest of the body, without a FIN: a client that half-closes first is, to Node, one that gave up.
    socket.write(body.slice(10));
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toMatch(/"unit_sales":[\d.]+/);
    const [code] = await exited;
    expect(code).toBe(0);
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ requestId: 'in-flight', input: { date: '2017-08-16', item_nbr: 99197 }, output: { unit_sales: expect.any(Number) } });
  });
});
