import { runMain } from '@cd4ml/cli';
import { assertGates, formatFigure } from '@cd4ml/evaluation';
import { rejectedPath } from '@cd4ml/registry';
import { Command } from '@commander-js/extra-typings';
import { gateRentalsModel } from './gate-rentals-model.ts';

const program = new Command('gate')
  .description('Run every gate on the exported model; register and serve it when all pass, else exit 1 and change nothing.')
  .requiredOption('--model <dir>', 'artifact written by the train stage')
  .requiredOption('--data <dir>', 'processed folder written by the validate stage')
  .requiredOption('--gates <file>', 'gate settings file: the bars (gates.yaml)')
  .requiredOption('--registry <file>', 'committed registry file with the aliases')
  .requiredOption('--store <dir>', 'local content-addressed candidate store')
  .requiredOption('--out <dir>', 'served model folder, replaced only when every gate passes')
  .addHelpText('after', '\nRun it through Nx, which passes the paths: npx nx run rentals-model:gate');

await runMain(async () => {
  const o = program.parse().opts();
  const report = await gateRentalsModel({ modelDir: o.model, dataDir: o.data, gatesPath: o.gates, registryFile: o.registry, storeDir: o.store, outDir: o.out });
  console.log(`gates for ${report.name} ${report.modelVersion} on processed data ${report.processedDataVersion.slice(0, 12)}:`);
  for (const r of report.results) console.log(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.gate.padEnd(19)} ${formatFigure(r.figure).padStart(9)}  bar ${r.comparison} ${formatFigure(r.bar).padEnd(8)} ${r.summary}`);
  console.log(report.passed ? `registered and serving from ${o.out}` : `the served model in ${o.out} is unchanged; this verdict is in ${rejectedPath(o.out)}`);
  assertGates(report.results);
});
