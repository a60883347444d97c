import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runMain } from '@cd4ml/cli';
import { writeJsonAtomic } from '@cd4ml/fs';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { z } from 'zod';
import { benchSizes, type BenchSize, type StageResult } from './bench-plan.ts';

const run = promisify(execFile);
const sizeNames = Object.keys(benchSizes) as BenchSize[];

const sizeList = (value: string): BenchSize[] => {
  const list = value.split(',').map((s) => s.trim());
  const unknown = list.filter((s) => !sizeNames.includes(s as BenchSize));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown size(s) ${unknown.join(', ')}; use ${sizeNames.join(', ')}.`);
  return list as BenchSize[];
};

const program = new Command('bench')
  .description('Benchmarks the data stages (generate, ingest = stream/validate/filter + denormalize + split, validate) in separate processes: rows per second and peak memory.')
  .option('--sizes <list>', `comma-separated sizes: ${sizeNames.join(', ')}`, sizeList, sizeNames)
  .requiredOption('--work <dir>', 'scratch directory for the generated and processed data')
  .requiredOption('--out <file>', 'JSON file for the figures')
  .option('--keep', 'keep the generated and processed scratch data (about 1.5 GB at 10m)')
  .addHelpText(
    'after',
    '\nExamples:\n  npx nx run sales-data:bench       # the stage: every size, figures in data/bench/bench.json' +
      '\n  bench --sizes default --work /tmp/bench --out /tmp/bench/bench.json',
  );

const stageResultSchema = z.object({ stage: z.string(), rows: z.number(), seconds: z.number(), peakMiB: z.number(), phases: z.record(z.string(), z.number()) });

await runMain(async () => {
  const opts = program.parse().opts();
  const results: Record<string, StageResult[]> = {};
  // Other work on the machine skews timings: the load average is recorded with the figures.
  const loadBefore = loadavg();
  for (const size of opts.sizes) {
    const raw = join(opts.work, size, 'raw');
    const processed = join(opts.work, size, 'processed');
    const gen = await stage('generate', size, raw);
    const ing = await stage('ingest', 'all', raw, processed);
    const val = await stage('validate', raw, processed);
    // The classic extract: one store, the last year, streamed out of the whole file.
    const one = await stage('ingest', 'one-store', raw, `${processed}-one-store`);
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

async function stage(name: string, ...args: string[]): Promise<StageResult> {
  const script = join(import.meta.dirname, 'bench-stage.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, name, ...args], { maxBuffer: 1 << 24 });
  return stageResultSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
}
