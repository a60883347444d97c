import { runMain } from '@cd4ml/cli';
import { formatFigure, primaryOf } from '@cd4ml/evaluation';
import { Command } from '@commander-js/extra-typings';
import { evaluateSalesModel } from './evaluate-sales-model.ts';

const program = new Command('evaluate')
  .description('Score the exported artifact (model.onnx in onnxruntime-node) overall and per slice against the baselines; write evaluation.json and report.html.')
  .requiredOption('--model <dir>', 'artifact written by the train stage')
  .requiredOption('--data <dir>', 'processed data folder written by ingest')
  .requiredOption('--out <dir>', 'evaluation folder to (re)write')
  .option('--backtest', 'also retrain and score every rolling fold that ingest wrote to folds.json')
  .option('--params <file>', 'params file, to retrain the backtest folds')
  .addHelpText('after', '\nRun it through Nx, which passes the paths: npx nx run sales-model:evaluate');

await runMain(async () => {
  const o = program.parse().opts();
  const e = await evaluateSalesModel({ modelDir: o.model, dataDir: o.data, outDir: o.out, backtest: o.backtest === true, ...(o.params ? { paramsPath: o.params } : {}) });
  const metric = { primary: e.metric.primary };
  const fig = (set: Record<string, number>) => formatFigure(primaryOf(set, metric));
  console.log(`evaluated ${e.name} ${e.modelVersion} on ${e.overall['rows']} validation rows`);
  console.log(`  ${e.metric.label} ${fig(e.overall)} | ${Object.entries(e.baselines).map(([name, set]) => `${name} ${fig(set)}`).join(' | ')}`);
  const worst = [...e.slices].sort((a, b) => primaryOf(b.metrics, metric) - primaryOf(a.metrics, metric)).slice(0, 3);
  console.log(`  worst slices: ${worst.map((s) => `${s.dimension}=${s.slice} ${fig(s.metrics)} (${s.metrics['rows']} rows)`).join(', ')}`);
  for (const f of e.backtest ?? []) console.log(`  backtest fold ${f.fold} ${f.validStart}..${f.validEnd}: ${e.metric.label} ${formatFigure(f.model)} vs baseline ${formatFigure(f.baseline)}`);
  console.log(`wrote ${o.out}/evaluation.json and report.html`);
});
