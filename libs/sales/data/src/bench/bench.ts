import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runMain } from '@cd4ml/cli';
import { writeJsonAtomic } from '@cd4ml/fs';
import { Command } from 'commander';

const run = promisify(execFile);

/** Data sizes the benchmark runs: the default snapshot and one of about ten million train.csv rows. */
const sizes = {
  default: {},
  '10m': { stores: 10, items: 2000 },
} as const;
type Size = keyof typeof sizes;

interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  peakMiB: number;
  phases: Record<string, number>;
}

const program = new Command('bench')
  .description('Benchmarks the data stages (generate, ingest = stream/validate/filter + denormalize + split) in separate processes: rows per second and peak memory.')
  .option('--sizes <list>', `comma-separated sizes: ${Object.keys(sizes).join(', ')}`, 'default,10m')
  .option('--work <dir>', 'scratch directory for the generated and processed data', 'data/bench')
  .option('--out <file>', 'JSON file for the figures', 'data/bench/bench.json')
  .option('--keep', 'keep the generated and processed scratch data (about 1.5 GB at 10m)');

await runMain(async () => {
  const opts = program.parse().opts<{ sizes: string; work: string; out: string; keep?: boolean }>();
  const chosen = opts.sizes.split(',') as Size[];
  const unknown = chosen.filter((s) => !(s in sizes));
  if (unknown.length > 0) throw Object.assign(new Error(`unknown size(s) ${unknown.join(', ')}; use ${Object.keys(sizes).join(', ')}.`), { code: 'EARG' });
  const results: Record<string, StageResult[]> = {};
  // Other work on the machine skews timings: the load average is recorded with the figures.
  const loadBefore = loadavg();
  for (const size of chosen) {
    const raw = join(opts.work, size, 'raw');
    const processed = join(opts.work, size, 'processed');
    const gen = await stage('generate', '', raw, JSON.stringify(sizes[size]));
    const ing = await stage('ingest', raw, processed);
    const val = await stage('validate', raw, processed);
    // The classic extract: one store, the last year, streamed out of the whole file.
    const one = await stage('ingest', raw, `${processed}-one-store`, JSON.stringify({ filter: { stores: [44], from: '2016-08-16' } }));
    one.stage = 'ingest --stores 44 --from 2016-08-16';
    results[size] = [gen, ing, val, one];
    if (!opts.keep) await rm(join(opts.work, size), { recursive: true, force: true });
    for (const r of [gen, ing, val, one]) {
      console.log(`${size.padEnd(8)} ${r.stage.padEnd(36)} ${r.rows.toLocaleString('en').padStart(11)} rows ${r.seconds.toFixed(1).padStart(6)} s ${Math.round(r.rows / r.seconds).toLocaleString('en').padStart(10)} rows/s  peak ${Math.round(r.peakMiB)} MiB`);
      for (const [name, s] of Object.entries(r.phases)) console.log(`${''.padEnd(47)}${name}: ${s.toFixed(1)} s (${Math.round(r.rows / s).toLocaleString('en')} rows/s)`);
    }
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: { before: loadBefore, after: loadavg() } };
  await writeJsonAtomic(opts.out, { machine, results });
  console.log(`figures written to ${opts.out}`);
});

async function stage(name: string, input: string, output: string, options = '{}'): Promise<StageResult> {
  const script = join(import.meta.dirname, 'bench-stage.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, name, input, output, options], { maxBuffer: 1 << 24 });
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as StageResult;
}
