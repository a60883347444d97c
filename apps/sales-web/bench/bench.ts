import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command, Option } from '@commander-js/extra-typings';
import { z } from 'zod';

// `npx nx bench sales-web`: the real app (real model, prediction log on) against a bare Express
// route on the same loopback, then the server time of 1,000-row batches. A benchmark, not a test.
//
// The load comes from wrk (C, one thread), not from a Node load generator: on 2 cores a generator
// in Node takes most of a core from the server it measures. wrk is pinned to the last core, and the
// bare route and the app are loaded in alternating rounds, so a machine that slows down for a while
// slows both; the figure to read is the median ratio over the rounds.
const options = new Command('bench')
  .description('Load-test the real app (real model, prediction log on) against a bare Express route, with wrk.')
  .addOption(new Option('--model <dir>', "model folder to serve: the gate stage's output").env('MODEL_DIR').makeOptionMandatory())
  .addHelpText('after', '\nRun it through Nx, which passes the gated model: npx nx bench sales-web\nBENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS and BENCH_PAUSE_MS change the runs.')
  .parse()
  .opts();
const root = findWorkspaceRoot(import.meta.dirname);
const modelDir = resolve(options.model);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);

/** wrk from Debian's package; installed when missing and we may (root), as the browser is for tests. */
function ensureWrk(): void {
  const has = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has('wrk')) return;
  if (process.getuid?.() !== 0) throw new Error('bench: wrk is not installed. Install it with `sudo apt-get install -y wrk` and run the bench again.');
  console.log("bench: wrk not found; installing Debian's wrk package (apt-get install -y wrk)...");
  execFileSync('sh', ['-c', 'apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

async function start(script: string, args: string[] = []): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(join(root, 'node_modules/.bin/tsx'), [script, ...args], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.setEncoding('utf8');
  for await (const chunk of proc.stdout) {
    out += chunk as string;
    const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
    if (match) {
      proc.stdout.resume(); // keep draining, so a chatty server never blocks on a full pipe
      return { proc, base: match[1]!.replace('localhost', '127.0.0.1') };
    }
  }
  throw new Error(`${script} exited before listening:\n${out}`);
}

/**
 * A wrk script that cycles through `paths` and prints its summary as one JSON line. With `pauseMs`,
 * each connection waits that long after an answer before it asks again (a paced load below saturation).
 */
function wrkScript(paths: readonly string[], pauseMs = 0): string {
  return `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
${pauseMs > 0 ? `delay = function() return ${pauseMs} end` : ''}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nBENCH {"requests":%d,"micros":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;
}

/** The summary line our wrk script prints (see wrkScript). */
const wrkSummarySchema = z.object({ requests: z.number(), micros: z.number(), p50: z.number(), p99: z.number(), errors: z.number() });

interface Run {
  rps: number;
  p50: number;
  p99: number;
}

const lastCpu = cpus().length - 1;
function wrk(url: string, script: string, duration: number): Run {
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, '-s', script, url];
  const out = execFileSync(lastCpu > 0 ? 'taskset' : 'wrk', lastCpu > 0 ? ['-c', String(lastCpu), 'wrk', ...args] : args, { encoding: 'utf8' });
  const line = /BENCH (\{.*\})/.exec(out);
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = wrkSummarySchema.parse(JSON.parse(line[1]!));
  if (r.errors > 0) throw new Error(`${url}: ${r.errors} errors or non-2xx answers under load`);
  return { rps: r.requests / (r.micros / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000 };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

ensureWrk();
const loadBefore = loadavg()[0]!;
const dir = await mkdtemp(join(tmpdir(), 'sales-web-bench-'));
const bare = await start('apps/sales-web/bench/bare-server.ts');
const app = await start('apps/sales-web/src/main.ts', ['--model', modelDir, '--prediction-log', join(dir, 'predictions.jsonl'), '--actuals', join(dir, 'actuals.jsonl')]);
try {
  const { products } = z.object({ products: z.array(z.object({ item_nbr: z.number() })) }).parse(await (await fetch(`${app.base}/api/v1/products`)).json());
  const items = products.map((p) => p.item_nbr);
  const dates = Array.from({ length: 14 }, (_, i) => `2017-08-${String(16 + i).padStart(2, '0')}`);
  // 64 distinct requests, cycled, so nothing can be answered from a cache of one request. The bare
  // route gets 64 distinct query strings too, so wrk does the same work for both.
  const appPaths = Array.from({ length: 64 }, (_, i) => `/api/v1/forecast?date=${dates[i % 14]}&item_nbr=${items[i % items.length]}&onpromotion=${i % 2 === 0}`);
  const barePaths = Array.from({ length: 64 }, (_, i) => `/?i=${i}`);
  const appScript = join(dir, 'app.lua');
  const bareScript = join(dir, 'bare.lua');
  await writeFile(appScript, wrkScript(appPaths));
  await writeFile(bareScript, wrkScript(barePaths));
  // The same requests, paced: each connection pauses after every answer, so the offered load is
  // about connections / (pause + latency), well below what either server can take.
  const pauseMs = Number(process.env['BENCH_PAUSE_MS'] ?? 8);
  const pacedApp = join(dir, 'app-paced.lua');
  const pacedBare = join(dir, 'bare-paced.lua');
  await writeFile(pacedApp, wrkScript(appPaths, pauseMs));
  await writeFile(pacedBare, wrkScript(barePaths, pauseMs));

  // Batches first: wrk runs synchronously below, and the idle keep-alive sockets of fetch would
  // otherwise be reused after the server has closed them.
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

  // Progress on stderr, so the tables on stdout stay clean (about 2 minutes in all).
  const load = (s: string) => process.stderr.write(s);
  load('warming up...');
  wrk(bare.base, bareScript, 2); // JIT, sockets
  wrk(app.base, appScript, 2); // JIT, ONNX session, feature caches
  const results: { ceiling: Run; single: Run; pacedCeiling: Run; pacedSingle: Run }[] = [];
  for (let r = 0; r < rounds; r++) {
    load(` round ${r + 1}/${rounds}...`);
    results.push({
      ceiling: wrk(bare.base, bareScript, seconds),
      single: wrk(app.base, appScript, seconds),
      pacedCeiling: wrk(bare.base, pacedBare, seconds),
      pacedSingle: wrk(app.base, pacedApp, seconds),
    });
  }
  load('\n');

  const ratios = results.map((r) => r.single.rps / r.ceiling.rps);
  const ratio = median(ratios);
  const p99 = median(results.map((r) => r.single.p99));
  const pacedP99 = median(results.map((r) => r.pacedSingle.p99));
  const batchP50 = pct(timings, 50);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nsales-web bench: wrk, ${connections} connections, ${rounds} alternating rounds of ${seconds} s, model ${modelDir}`);
  console.log(`machine: ${cpus().length} x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average before ${loadBefore.toFixed(2)}\n`);
  console.log('| round | bare route (ceiling) req/s | p50 / p99 ms | single forecast req/s | p50 / p99 ms | ratio |\n|---|---|---|---|---|---|');
  results.forEach(({ ceiling, single }, i) => {
    console.log(`| ${i + 1} | ${Math.round(ceiling.rps)} | ${ceiling.p50.toFixed(2)} / ${ceiling.p99.toFixed(2)} | ${Math.round(single.rps)} | ${single.p50.toFixed(2)} / ${single.p99.toFixed(2)} | ${(ratios[i]! * 100).toFixed(1)} % |`);
  });
  console.log(`\nPaced: each of the ${connections} connections pauses ${pauseMs} ms after every answer.\n`);
  console.log('| round | bare route req/s | p50 / p99 ms | single forecast req/s | p50 / p99 ms |\n|---|---|---|---|---|');
  results.forEach(({ pacedCeiling: c, pacedSingle: a }, i) => {
    console.log(`| ${i + 1} | ${Math.round(c.rps)} | ${c.p50.toFixed(2)} / ${c.p99.toFixed(2)} | ${Math.round(a.rps)} | ${a.p50.toFixed(2)} / ${a.p99.toFixed(2)} |`);
  });
  console.log(`\nsingle-forecast throughput = ${(ratio * 100).toFixed(1)} % of the ceiling, median of ${rounds} rounds (target >= 70 %): ${ratio >= 0.7 ? 'met' : 'NOT met'}`);
  console.log(`single-forecast p99 at saturation = ${p99.toFixed(2)} ms, median of ${rounds} rounds (target <= 10 ms): ${p99 <= 10 ? 'met' : 'NOT met'}; the bare route's own: ${median(results.map((r) => r.ceiling.p99)).toFixed(2)} ms`);
  console.log(`single-forecast p99 paced at ${Math.round(median(results.map((r) => r.pacedSingle.rps)))} req/s = ${pacedP99.toFixed(2)} ms, median of ${rounds} rounds (target <= 10 ms): ${pacedP99 <= 10 ? 'met' : 'NOT met'}`);
  console.log(`1,000-row batch, server time (Server-Timing) p50 ${batchP50.toFixed(2)} ms, p99 ${pct(timings, 99).toFixed(2)} ms; round trip p50 ${pct(walls, 50).toFixed(2)} ms (target <= 5 ms server time): ${batchP50 <= 5 ? 'met' : 'NOT met'}`);
} finally {
  for (const { proc } of [bare, app]) {
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  }
}
