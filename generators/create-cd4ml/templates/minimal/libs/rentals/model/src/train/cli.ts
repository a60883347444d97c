import { runMain } from '@cd4ml/cli';
import { formatFigure, primaryOf } from '@cd4ml/evaluation';
import { Command } from '@commander-js/extra-typings';
import { trainRentalsModel } from './train-rentals-model.ts';

const program = new Command('train')
  .description('Train the rentals forecast, export it to ONNX, check parity and write the model artifact.')
  .requiredOption('--data <dir>', 'processed folder written by the validate stage')
  .requiredOption('--params <file>', 'params file (hyperparameters and gate settings)')
  .requiredOption('--out <dir>', 'artifact folder to (re)write')
  .option('--runs <dir>', 'tracking store: write a run record here')
  .addHelpText('after', '\nRun it through Nx, which passes the paths: npx nx run rentals-model:train');

await runMain(async () => {
  const o = program.parse().opts();
  const card = await trainRentalsModel({ dataDir: o.data, paramsPath: o.params, outDir: o.out, ...(o.runs ? { runsDir: o.runs } : {}) });
  const m = card.metrics;
  const baselines = Object.entries(m.baselines).map(([name, set]) => `${name} ${formatFigure(primaryOf(set, m))}`);
  console.log(`trained ${card.name} ${card.modelVersion}: ${card.training.trees} trees on ${card.training.trainRows} rows in ${card.training.durationMs} ms`);
  console.log(`validation ${m.label} ${formatFigure(primaryOf(m.validation, m))} | ${baselines.join(' | ')}; wrote ${o.out}`);
});
