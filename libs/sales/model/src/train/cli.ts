import { runMain } from '@cd4ml/cli';
import type { RegressionMetrics } from '@cd4ml/evaluation';
import { Command } from 'commander';
import { DEFAULT_RUNS_DIR } from '../tracking/record-run.ts';
import { trainSalesModel } from './train-sales-model.ts';

const program = new Command('train')
  .description('Train the sales forecast, export it to ONNX, check parity and write the model artifact.')
  .requiredOption('--data <dir>', 'processed data directory written by ingest')
  .option('--params <file>', 'params file (hyperparameters and gate thresholds)', 'libs/sales/model/params.yaml')
  .requiredOption('--out <dir>', 'artifact directory to (re)write')
  .option('--runs <dir>', 'tracking store: write a run record here', DEFAULT_RUNS_DIR)
  .option('--no-track', 'do not write a run record');

await runMain(async () => {
  const opts = program.parse().opts<{ data: string; params: string; out: string; runs: string; track: boolean }>();
  const card = await trainSalesModel({ dataDir: opts.data, paramsPath: opts.params, outDir: opts.out, ...(opts.track ? { runsDir: opts.runs } : {}) });
  const m = card.metrics as Record<string, RegressionMetrics>;
  const t = card.training as { durationMs: number; trees: number; trainRows: number };
  console.log(`trained ${card.name} ${card.modelVersion} (run ${card.runId}) in ${(t.durationMs / 1000).toFixed(1)}s: ${t.trees} trees on ${t.trainRows} rows`);
  console.log(
    `validation NWRMSLE ${m['validation']!.nwrmsle.toFixed(4)} | seasonal naive ${m['seasonalNaive']!.nwrmsle.toFixed(4)} | item mean ${m['itemMean']!.nwrmsle.toFixed(4)}`,
  );
  console.log(`wrote ${opts.out}/model.onnx and model.json`);
});
