import { runMain } from '@cd4ml/cli';
import { assertGates, formatFigure } from '@cd4ml/evaluation';
import { rejectedPath } from '@cd4ml/registry';
import { Command } from '@commander-js/extra-typings';
import { gateSalesModel } from './gate-sales-model.ts';

const program = new Command('gate')
  .description(
    'Run the threshold, baseline, ratchet, fairness and parity gates on the exported artifact (model.onnx in onnxruntime-node).\n' +
      'On success, register the candidate and replace --out with it (the served model). On failure, exit 1 and change nothing.',
  )
  .requiredOption('--model <dir>', 'artifact written by the train stage')
  .requiredOption('--data <dir>', 'processed data folder written by ingest')
  .requiredOption('--gates <file>', 'gate settings file: the bars (gates.yaml)')
  .requiredOption('--registry <file>', 'committed registry file with the aliases')
  .requiredOption('--store <dir>', 'local content-addressed candidate store')
  .requiredOption('--out <dir>', 'served model folder, replaced only when every gate passes')
  .addHelpText('after', '\nRun it through Nx, which passes the paths: npx nx run sales-model:gate');

await runMain(async () => {
  const o = program.parse().opts();
  const report = await gateSalesModel({ modelDir: o.model, dataDir: o.data, gatesPath: o.gates, registryFile: o.registry, storeDir: o.store, outDir: o.out });
  console.log(`gates for ${report.name} ${report.modelVersion} (model.onnx ${report.modelSha256.slice(0, 12)}) on processed data ${report.processedDataVersion.slice(0, 12)}:`);
  for (const r of report.results) {
    console.log(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.gate.padEnd(19)} ${formatFigure(r.figure).padStart(9)}  bar ${r.comparison} ${formatFigure(r.bar).padEnd(8)} ${r.summary}`);
  }
  if (!report.passed) console.log(`the served model in ${o.out} is unchanged; results in ${rejectedPath(o.out)}`);
  else console.log(`registered candidate ${report.candidate!.dir}; serving it from ${o.out}`);
  assertGates(report.results);
});
