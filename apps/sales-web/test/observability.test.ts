import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { workspaceRoot } from './build-fixture-model.ts';
import { lineOf } from './line-of.ts';
import { startApp, type RunningApp } from './start-app.ts';

describe('/metrics in Prometheus format', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  const series = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`));
  beforeEach(async () => {
    app = await startApp(fixture.model);
  });
  afterEach(() => app.close());

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
  });

  it('labels by the matched route: case, trailing slash, query and unknown paths make no new series', async () => {
    const paths = ['/api/v1/forecast', '/api/v1/FORECAST', '/API/V1/forecast', '/api/v1/forecast/', '/api/v1/Forecast/'];
    for (const path of paths) expect((await fetch(`${app.base}${path}?date=2017-08-16&item_nbr=99197`)).status).toBe(200);
    for (const path of ['/api/v1/nothing-1', '/api/v2/forecast', '/no-such-page-1', '/no-such-page-2']) expect((await fetch(`${app.base}${path}`)).status).toBe(404);
    await fetch(`${app.base}/ready`);
    await fetch(`${app.base}/`);
    const text = await (await fetch(`${app.base}/metrics`)).text();
    expect(series(text, 'http_requests_total').sort()).toEqual(
      [
        `http_requests_total{method="GET",route="/api/v1/forecast",status="200"} ${paths.length}`,
        'http_requests_total{method="GET",route="unmatched",status="404"} 4',
        'http_requests_total{method="GET",route="/ready",status="200"} 1',
        'http_requests_total{method="GET",route="static",status="200"} 1',
      ].sort(),
    );
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
    // node itself, with tsx as a loader: the tsx binary is a parent process that relays signals, so
    // a SIGTERM sent to it under load could end its streams before the server said a word.
    server = spawn(process.execPath, ['--import', 'tsx', 'apps/sales-web/src/main.ts', '--model', fixture.model, '--port', '0', '--prediction-log', logFile, '--actuals', join(dir, 'actuals.jsonl')], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    port = Number(/listening on http:\/\/localhost:(\d+)/.exec(await lineOf(server.stdout!, /listening on/))![1]);
  });
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('drains an in-flight request on SIGTERM, refuses new connections, flushes the log and exits 0', async () => {
    // Half a request: the server answers "100 Continue" to its headers, so it is in flight before SIGTERM.
    const body = JSON.stringify({ date: '2017-08-16', item_nbr: 99197 });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.write(`POST /api/v1/forecast HTTP/1.1\r\nHost: x\r\nX-Request-Id: in-flight\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
    await lineOf(socket, /^HTTP\/1\.1 100 Continue/);
    const exited = once(server, 'exit');
    const draining = lineOf(server.stderr!, /SIGTERM received, no longer accepting/);
    server.kill('SIGTERM');
    await draining; // the server's own word that its listening socket is closed
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow(); // no longer accepting
    // The body, without a FIN: a client that half-closes first is, to Node, one that gave up.
    socket.write(body);
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(answer).toMatch(/"unit_sales":[\d.]+/);
    const [code] = await exited;
    expect(code).toBe(0);
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ requestId: 'in-flight', input: { date: '2017-08-16', item_nbr: 99197 }, output: { unit_sales: expect.any(Number) } });
  });
});
