import { CliError, runMain } from '@cd4ml/cli';
import { formatFigure, primaryOf, type SliceMetrics } from '@cd4ml/evaluation';
import { Command } from '@commander-js/extra-typings';
import { diffRecords, flatten, type DiffRow } from '../diff-runs.ts';
import { listRuns, readRun, type RunRecord } from '../run-store.ts';
import { parseSet, type GridAxis } from './param-grid.ts';
import { runGrid } from './run-grid.ts';

// Experiment tracking, the same for every model of the layout. Its Nx target passes the paths:
//   npx nx run <model project>:runs -- diff
const program = new Command('runs')
  .description('Experiment tracking: list, show and diff training runs; train a small parameter grid and compare.')
  .requiredOption('--runs <dir>', 'tracking store: one JSON record per run, e.g. registry/runs')
  .option('--train <command>', 'the train command, with {params} and {out} placeholders (for grid)')
  .option('--params <file>', 'the committed params file (the base of a grid)')
  .option('--project <name>', 'the Nx project that trains, for hints such as "npx nx run <project>:train"');

const trainHint = () => `Train first: npx nx run ${program.opts().project ?? '<project>'}:train`;
const show = (v: unknown) => (typeof v === 'number' ? formatFigure(v) : (JSON.stringify(v) ?? '-'));
const primary = (r: RunRecord) => primaryOf(r.metrics.validation, r.metrics);
const reference = (r: RunRecord) => primaryOf(r.metrics.baselines[r.metrics.referenceBaseline] ?? {}, r.metrics);

/** The runs, with a line on stderr for each record that could not be read. */
async function runs(): Promise<RunRecord[]> {
  const { runs: all, skipped } = await listRuns(program.opts().runs);
  for (const s of skipped) console.error(`skipped ${s.file}: ${s.reason.split('\n').join(' ')}`);
  return all;
}

program
  .command('list')
  .description('every run, oldest first')
  .action(() =>
    runMain(async () => {
      const all = await runs();
      if (all.length === 0) console.log(`no runs in ${program.opts().runs} yet. ${trainHint()}`);
      for (const r of all) {
        const code = `${r.code.commit.slice(0, 8)}${r.code.dirty ? '+dirty' : ''}`;
        console.log(`${r.id}  ${r.modelVersion}  ${(r.durationMs / 1000).toFixed(1).padStart(5)}s  ${r.metrics.label} ${show(primary(r))}  ${r.metrics.referenceBaseline} ${show(reference(r))}  data ${r.processedDataVersion.slice(0, 12)}  code ${code}`);
      }
    }),
  );

program
  .command('show')
  .description('one run: lineage, params, metrics and its worst slices')
  .argument('[run]', 'run id, unique prefix, or latest / latest~N', 'latest')
  .action((ref) =>
    runMain(async () => {
      await runs();
      const r = await readRun(program.opts().runs, ref, trainHint());
      console.log(`run ${r.id} (${r.name} ${r.modelVersion}) started ${r.startedAt}, took ${(r.durationMs / 1000).toFixed(1)}s`);
      console.log(`  raw data ${r.rawDataVersion}\n  processed data ${r.processedDataVersion}\n  code ${r.code.commit}${r.code.dirty ? ' (dirty)' : ''}\n  model.onnx sha256 ${r.modelSha256}\n  artifact ${r.artifactDir ?? '-'}`);
      for (const [k, v] of Object.entries(flatten({ params: r.params, metrics: { validation: r.metrics.validation, baselines: r.metrics.baselines } }))) console.log(`  ${k} = ${show(v)}`);
      const key = (s: SliceMetrics) => primaryOf(s.metrics, r.metrics);
      for (const s of [...r.slices].sort((a, b) => key(b) - key(a)).slice(0, 5)) {
        console.log(`  worst slice ${s.dimension}=${s.slice}: ${r.metrics.label} ${show(key(s))}, bias ${show(s.metrics['bias'])}, ${s.metrics['rows']} rows`);
      }
    }),
  );

program
  .command('diff')
  .description('params and metric deltas between two runs (like dvc params/metrics diff)')
  .argument('[a]', 'first run', 'latest~1')
  .argument('[b]', 'second run', 'latest')
  .option('--all', 'include unchanged values')
  .action((a, b, o) =>
    runMain(async () => {
      await runs();
      const ra = await readRun(program.opts().runs, a, trainHint());
      const rb = await readRun(program.opts().runs, b, trainHint());
      console.log(`${ra.id} -> ${rb.id}`);
      const view = (r: RunRecord) => ({ params: r.params, metrics: r.metrics.validation, rawDataVersion: r.rawDataVersion, processedDataVersion: r.processedDataVersion, code: r.code });
      const rows: DiffRow[] = diffRecords(view(ra), view(rb), o.all);
      if (rows.length === 0) console.log('  no differences');
      const width = rows.reduce((w, r) => Math.max(w, r.key.length), 10);
      for (const r of rows) console.log(`  ${r.key.padEnd(width)}  ${show(r.a).padStart(12)}  ${show(r.b).padStart(12)}  ${r.delta === undefined ? '' : `${r.delta >= 0 ? '+' : ''}${show(r.delta)}`}`);
    }),
  );

program
  .command('grid')
  .description('train one model per combination of --set values (each run is recorded) and rank them')
  .option('--set <key=values>', 'a params path and comma-separated values; repeat for a grid', (v: string, prev: GridAxis[]) => [...prev, parseSet(v)], [] as GridAxis[])
  .action((o) =>
    runMain(async () => {
      const { train, params } = program.opts();
      if (!train || !params) throw new CliError('EARG', 'grid needs --train and --params; run it through the Nx target: npx nx run <project>:runs -- grid --set ...');
      if (o.set.length === 0) throw new CliError('BAD_GRID', 'give at least one --set key=v1,v2, e.g. --set model.gbt.learningRate=0.05,0.1');
      const points = await runGrid({ train, paramsPath: params, axes: o.set });
      console.log(`\nrank  ${(points[0]?.metric ?? 'metric').padEnd(8)}  vs baseline  trees  seconds  run           settings`);
      for (const [i, p] of points.entries()) {
        const settings = Object.entries(p.settings).map(([k, v]) => `${k}=${v}`).join(' ');
        console.log(`${String(i + 1).padStart(4)}  ${p.value.toFixed(4).padEnd(8)}  ${`${(p.improvement * 100).toFixed(1)}%`.padStart(11)}  ${String(p.trees).padStart(5)}  ${p.seconds.toFixed(1).padStart(7)}  ${p.runId}  ${settings}`);
      }
    }),
  );

await program.parseAsync();
