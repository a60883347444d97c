import { runMain } from '@cd4ml/cli';
import { Command, InvalidArgumentError } from 'commander';
import { evaluateSalesModel } from './evaluate-sales-model.ts';

const program = new Command('evaluate')
  .description('Score the exported artifact (model.onnx in onnxruntime-node) overall and per slice against the baselines; write evaluation.json and report.html.')
  .option('--model <dir>', 'artifact written by train', 'dist/models/sales-forecast')
  .option('--data <dir>', 'processed data directory written by ingest', 'data/processed/default')
  .option('--out <dir>', 'evaluation directory to (re)write', 'dist/evaluations/sales-forecast')
  .option('--params <file>', 'params file (used to retrain the backtest folds)', 'libs/sales/model/params.yaml')
  .option('--backtest <folds>', 'also run a rolling backtest over this many time folds', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 12) throw new InvalidArgumentError('a whole number of folds from 1 to 12');
    return n;
  });

await runMain(async () => {
  const o = program.parse().opts<{ model: string; data: string; out: string; params: string; backtest?: number }>();
  const e = await evaluateSalesModel({ modelDir: o.model, dataDir: o.data, outDir: o.out, paramsPath: o.params, backtestFolds: o.backtest ?? 0 });
  console.log(`evaluated ${e.name} ${e.modelVersion} on ${e.overall.rows} validation rows`);
  console.log(`  NWRMSLE ${e.overall.nwrmsle.toFixed(4)} | seasonal naive ${e.baselines.seasonalNaive.nwrmsle.toFixed(4)} | item mean ${e.baselines.itemMean.nwrmsle.toFixed(4)}`);
  const worst = [...e.slices].sort((a, b) => b.metrics.nwrmsle - a.metrics.nwrmsle).slice(0, 3);
  console.log(`  worst slices: ${worst.map((s) => `${s.dimension}=${s.slice} ${s.metrics.nwrmsle.toFixed(3)} (${s.metrics.rows} rows)`).join(', ')}`);
  for (const f of e.backtest ?? []) console.log(`  backtest fold ${f.fold} ${f.validStart}..${f.validEnd}: NWRMSLE ${f.model.toFixed(4)} vs seasonal naive ${f.seasonalNaive.toFixed(4)}`);
  console.log(`wrote ${o.out}/evaluation.json and report.html`);
});
