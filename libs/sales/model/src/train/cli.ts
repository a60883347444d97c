import { runMain } from '@cd4ml/cli';
import { formatFigure, primaryOf } from '@cd4ml/evaluation';
import { Command } from '@commander-js/extra-typings';
import { trainSalesModel } from './train-sales-model.ts';

const program = new Command('train')
  .description('Train the sales forecast, export it to ONNX, check parity and write the model artifact.')
  .requiredOption('--data <dir>', 'processed data folder written by ingest')
  .requiredOption('--params <file>', 'params file (hyperparameters and gate thresholds)')
  .requiredOption('--out <dir>', 'artifact folder to (re)write')
  .option('--runs <dir>', 'tracking store: write a run record here')
  .addHelpText('after', '\nRun it through Nx, which passes the paths and records the run: npx nx run sales-model:train');

await runMain(async () => {
  const o = program.parse().opts();
  const card = await trainSalesModel({ dataDir: o.data, paramsPath: o.params, outDir: o.out, ...(o.runs ? { runsDir: o.runs } : {}) });
  const m = card.metrics;
  const t = card.training;
  console.log(`trained ${card.name} ${card.modelVersion} (run ${card.runId}) in ${(t.durationMs / 1000).toFixed(1)}s: ${t.trees} trees on ${t.trainRows} rows`);
  console.log(`validation ${m.label} ${formatFigure(primaryOf(m.validation, m))} | ${Object.entries(m.baselines).map(([name, set]) => `${name} ${formatFigure(primaryOf(set, m))}`).join(' | ')}`);
  console.log(`wrote ${o.out}/model.onnx, model.json and manifest.json`);
});
