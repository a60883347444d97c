import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

// `npx nx bench sales-web`: the real app (real model, prediction log on) against a bare Express
// route on the same loopback, then the server time of 1,000-row batches. A benchmark, not a test.
const root = resolve(import.meta.dirname, '../../..');
const modelDir = resolve(root, process.env['MODEL_DIR'] ?? 'dist/models/sales-forecast-gated');
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const duration = Number(process.env['BENCH_SECONDS'] ?? 10);

async function start(script: string, env: Record<string, string>): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(join(root, 'node_modules/.bin/tsx'), [script], { cwd: root, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.setEncoding('utf8');
  for await (const chunk of proc.stdout!) {
    out += chunk as string;
    const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
    if (match) return { proc, base: match[1]!.replace('localhost', '127.0.0.1') };
  }
  throw new Error(`${script} exited before listening:\n${out}`);
}

async function load(title: string, options: autocannon.Options) {
  await autocannon({ ...options, connections, duration: 2 }); // warm-up: JIT, ONNX session, sockets
  const r = await autocannon({ ...options, connections, duration });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${title}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return { title, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const dir = await mkdtemp(join(tmpdir(), 'sales-web-bench-'));
const bare = await start('apps/sales-web/bench/bare-server.ts', {});
const app = await start('apps/sales-web/src/main.ts', { MODEL_DIR: modelDir, PREDICTION_LOG: join(dir, 'predictions.jsonl'), ACTUALS_FILE: join(dir, 'actuals.jsonl') });
try {
  const { products } = (await (await fetch(`${app.base}/api/v1/products`)).json()) as { products: { item_nbr: number }[] };
  const items = products.map((p) => p.item_nbr);
  const dates = Array.from({ length: 14 }, (_, i) => `2017-08-${String(16 + i).padStart(2, '0')}`);
  // Distinct requests, cycled, so nothing can be answered from a cache of one request.
  const requests = Array.from({ length: 64 }, (_, i) => ({ method: 'GET' as const, path: `/api/v1/forecast?date=${dates[i % 14]}&item_nbr=${items[i % items.length]}&onpromotion=${i % 2 === 0}` }));
  const ceiling = await load('bare Express route (ceiling)', { url: bare.base });
  const single = await load('single forecast GET /api/v1/forecast', { url: app.base, requests });

  const timings: number[] = [];
  const walls: number[] = [];
  for (let k = 0; k < 60; k++) {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ date: dates[(i + k) % 14]!, item_nbr: items[(i * 7 + k) % items.length]!, onpromotion: (i + k) % 3 === 0 }));
    const t0 = performance.now();
    const response = await fetch(`${app.base}/api/v1/forecast/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
    if (k < 10) continue; // warm-up
    walls.push(performance.now() - t0);
    timings.push(Number(/app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')![1]));
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const ratio = single.rps / ceiling.rps;

  console.log(`\nsales-web bench: ${connections} connections, ${duration} s per run, model ${modelDir}\n`);
  console.log('| run | requests/s | p50 ms | p99 ms |\n|---|---|---|---|');
  for (const r of [ceiling, single]) console.log(`| ${r.title} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`);
  console.log(`\nsingle-forecast throughput = ${(ratio * 100).toFixed(1)}% of the ceiling (target >= 70%): ${ratio >= 0.7 ? 'met' : 'NOT met'}`);
  console.log(`single-forecast p99 = ${single.p99} ms (target <= 10 ms): ${single.p99 <= 10 ? 'met' : 'NOT met'}`);
  console.log(`1,000-row batch, server time (Server-Timing) p50 ${pct(timings, 50).toFixed(2)} ms, p99 ${pct(timings, 99).toFixed(2)} ms; round trip p50 ${pct(walls, 50).toFixed(2)} ms (target <= 5 ms server time): ${pct(timings, 50) <= 5 ? 'met' : 'NOT met'}`);
} finally {
  for (const { proc } of [bare, app]) {
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  }
}
