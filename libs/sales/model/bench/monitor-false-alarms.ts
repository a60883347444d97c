// The monitor's false-alarm rate: for each seed, a synthetic world of the generator's (that seed),
// a model trained on it with the committed params, and the week after training replayed as the app
// logs it, unshifted; then the monitor with the committed bars. A world that alarms is a false alarm.
//   npx tsx libs/sales/model/bench/monitor-false-alarms.ts --seeds 20 --out dist/bench/monitor/false-alarms.json
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createProgress, integer, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot, writeJsonAtomic } from '@cd4ml/fs';
import { monitorFiles } from '@cd4ml/monitoring';
import { featureSpecSchema } from '@cd4ml/sales-features';
import { Command } from '@commander-js/extra-typings';
import { salesMonitorDomain } from '../src/monitor/sales-monitor.ts';
import { readMonitorSettings } from '@cd4ml/monitoring';
import { replayTraffic } from '../src/monitor/replay-traffic.ts';
import { trainSalesModel } from '../src/train/train-sales-model.ts';

const program = new Command('monitor-false-alarms')
  .description("Measure the monitor's false-alarm rate on unshifted traffic: one generated world, model and replayed week per seed.")
  .option('--seeds <n>', 'worlds (seeds 1..n)', integer({ min: 1, max: 1000 }), 20)
  .option('--items <n>', 'items per world (one store)', integer({ min: 10 }), 200)
  .option('--params <file>', 'params file the models are trained with', 'libs/sales/model/params.yaml')
  .option('--monitoring <file>', 'monitoring settings file whose bars are measured', 'libs/sales/model/monitoring.yaml')
  .option('--out <file>', 'JSON result', 'dist/bench/monitor/false-alarms.json');

const root = findWorkspaceRoot(import.meta.dirname);
const run = promisify(execFile);
const tsx = join(root, 'node_modules/.bin/tsx');

await runMain(async () => {
  const o = program.parse().opts();
  const settings = await readMonitorSettings(o.monitoring);
  const worlds: { seed: number; status: string; alerts: string[]; rows: number; nwrmsle?: number; bias?: number }[] = [];
  const progress = createProgress('false alarms', o.seeds);
  const started = performance.now();
  try {
    for (let seed = 1; seed <= o.seeds; seed += 1) {
      const work = await mkdtemp(join(tmpdir(), 'cd4ml-false-alarms-'));
      try {
        await run(tsx, ['libs/sales/data/src/generate/cli.ts', '--out', join(work, 'raw'), '--seed', String(seed), '--items', String(o.items), '--start', '2016-08-01', '--end', '2017-08-15'], { cwd: root });
        await run(tsx, ['libs/sales/data/src/ingest/cli.ts', '--raw', join(work, 'raw'), '--out', join(work, 'processed')], { cwd: root });
        await trainSalesModel({ dataDir: join(work, 'processed'), paramsPath: o.params, outDir: join(work, 'model') });
        const traffic = await replayTraffic({ modelDir: join(work, 'model'), dataDir: join(work, 'processed'), days: settings.windowDays, seed, out: join(work, 'traffic') });
        const report = await monitorFiles({ modelDir: join(work, 'model'), spec: featureSpecSchema, domain: salesMonitorDomain, settings, predictions: [traffic.predictions], actuals: [traffic.actuals] });
        const m = report.accuracy.metrics;
        worlds.push({ seed, status: report.status, alerts: report.alerts.map((a) => a.message.split(':')[0] + `: ${a.statistic} ${a.figure} (bar ${a.bar})`), rows: report.drift.rows, ...(m ? { nwrmsle: m['nwrmsle']!, bias: m['bias']! } : {}) });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      progress.update(seed);
    }
  } finally {
    progress.stop();
  }
  const alarmed = worlds.filter((w) => w.status === 'alert');
  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    seeds: o.seeds,
    items: o.items,
    settings,
    falseAlarms: alarmed.length,
    rate: alarmed.length / o.seeds,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    worlds,
  };
  await writeJsonAtomic(o.out, result);
  for (const w of worlds) console.log(`seed ${w.seed}: ${w.status}${w.alerts.length ? ` (${w.alerts.join('; ')})` : ''}, ${w.rows} forecasts, NWRMSLE ${w.nwrmsle}, bias ${w.bias}`);
  console.log(`false alarms: ${alarmed.length} of ${o.seeds} worlds (${(100 * result.rate).toFixed(0)}%) in ${result.seconds}s; wrote ${o.out}`);
});
