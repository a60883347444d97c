import { runMain } from '@cd4ml/data';
import type { RegressionMetrics, SliceMetrics } from '@cd4ml/evaluation';
import { diffRecords, flatten, listRuns, readRun, type DiffRow } from '@cd4ml/registry';
import { Command } from 'commander';
import { parseSet, type GridAxis } from './param-grid.ts';
import { DEFAULT_RUNS_DIR } from './record-run.ts';
import { runGrid } from './run-grid.ts';

const program = new Command('runs').description('Experiment tracking: list, show and diff training runs; train a small parameter grid and compare.');
program.option('--runs <dir>', 'tracking store (one JSON record per run)', DEFAULT_RUNS_DIR);
const store = () => program.opts<{ runs: string }>().runs;
const nw = (metrics: Record<string, unknown>, key: string) => (metrics[key] as RegressionMetrics | undefined)?.nwrmsle?.toFixed(4) ?? '-';
const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : JSON.stringify(v) ?? '-');

program
  .command('list')
  .description('every run, oldest first')
  .action(() =>
    runMain(async () => {
      const runs = await listRuns(store());
      if (runs.length === 0) console.log(`no runs in ${store()} yet: npx nx run sales-model:train`);
      for (const r of runs) {
        console.log(`${r.id}  ${r.modelVersion}  ${(r.durationMs / 1000).toFixed(1).padStart(5)}s  NWRMSLE ${nw(r.metrics, 'validation')}  naive ${nw(r.metrics, 'seasonalNaive')}  data ${r.dataVersion.slice(0, 12)}  code ${r.code.commit.slice(0, 8)}${r.code.dirty ? '+dirty' : ''}`);
      }
    }),
  );

program
  .command('show')
  .description('one run: lineage, params, metrics and its worst slices')
  .argument('[run]', 'run id, unique prefix, or latest / latest~N', 'latest')
  .action((ref: string) =>
    runMain(async () => {
      const r = await readRun(store(), ref);
      console.log(`run ${r.id} (${r.name} ${r.modelVersion}) started ${r.startedAt}, took ${(r.durationMs / 1000).toFixed(1)}s`);
      console.log(`  data ${r.dataVersion}\n  code ${r.code.commit}${r.code.dirty ? ' (dirty)' : ''}\n  model.onnx sha256 ${r.modelSha256}\n  artifact ${r.artifactDir ?? '-'}`);
      for (const [k, v] of Object.entries(flatten({ params: r.params, metrics: r.metrics }))) console.log(`  ${k} = ${show(v)}`);
      const slices = ((r.slices ?? []) as SliceMetrics[]).sort((a, b) => b.metrics.nwrmsle - a.metrics.nwrmsle).slice(0, 5);
      for (const s of slices) console.log(`  worst slice ${s.dimension}=${s.slice}: NWRMSLE ${s.metrics.nwrmsle.toFixed(4)}, bias ${s.metrics.bias.toFixed(3)}, ${s.metrics.rows} rows`);
    }),
  );

program
  .command('diff')
  .description('params and metric deltas between two runs (like dvc params/metrics diff)')
  .argument('[a]', 'first run', 'latest~1')
  .argument('[b]', 'second run', 'latest')
  .option('--all', 'include unchanged values')
  .action((a: string, b: string, o: { all?: boolean }) =>
    runMain(async () => {
      const ra = await readRun(store(), a);
      const rb = await readRun(store(), b);
      console.log(`${ra.id} -> ${rb.id}`);
      const rows: DiffRow[] = diffRecords(
        { params: ra.params, metrics: ra.metrics, dataVersion: ra.dataVersion, code: ra.code },
        { params: rb.params, metrics: rb.metrics, dataVersion: rb.dataVersion, code: rb.code },
        o.all,
      );
      if (rows.length === 0) console.log('  no differences');
      const width = Math.max(...rows.map((r) => r.key.length), 10);
      for (const r of rows) console.log(`  ${r.key.padEnd(width)}  ${show(r.a).padStart(12)}  ${show(r.b).padStart(12)}  ${r.delta === undefined ? '' : `${r.delta >= 0 ? '+' : ''}${show(r.delta)}`}`);
    }),
  );

program
  .command('grid')
  .description('train one model per combination of --set values, record each run, and compare them')
  .option('--data <dir>', 'processed data directory', 'data/processed/default')
  .option('--params <file>', 'base params file', 'libs/sales/model/params.yaml')
  .option('--set <key=values>', 'a params path and comma-separated values; repeat for a grid', (v: string, prev: GridAxis[]) => [...prev, parseSet(v)], [] as GridAxis[])
  .action((o: { data: string; params: string; set: GridAxis[] }) =>
    runMain(async () => {
      if (o.set.length === 0) throw Object.assign(new Error('give at least one --set key=v1,v2, e.g. --set model.gbt.learningRate=0.05,0.1'), { code: 'BAD_GRID' });
      const points = await runGrid({ dataDir: o.data, paramsPath: o.params, axes: o.set, runsDir: store() });
      console.log('\nrank  NWRMSLE  vs naive  trees  seconds  run           settings');
      for (const [i, p] of points.entries()) {
        const settings = Object.entries(p.settings).map(([k, v]) => `${k}=${v}`).join(' ');
        console.log(`${String(i + 1).padStart(4)}  ${p.nwrmsle.toFixed(4)}  ${((1 - p.nwrmsle / p.seasonalNaive) * 100).toFixed(1).padStart(7)}%  ${String(p.trees).padStart(5)}  ${p.seconds.toFixed(1).padStart(7)}  ${p.runId}  ${settings}`);
      }
    }),
  );

await program.parseAsync();
