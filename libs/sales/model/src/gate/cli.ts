import { rm } from 'node:fs/promises';
import { runMain } from '@cd4ml/cli';
import { assertGates } from '@cd4ml/evaluation';
import { Command } from 'commander';
import { gateSalesModel, writeRejected } from './gate-sales-model.ts';

const program = new Command('gate')
  .description(
    'Run the threshold, ratchet, fairness and parity gates on the exported artifact (model.onnx in onnxruntime-node).\n' +
      'On success, register the candidate and replace --out with it (the served model). On failure, exit 1 and change nothing.',
  )
  .option('--model <dir>', 'artifact written by train', 'dist/models/sales-forecast')
  .option('--data <dir>', 'processed data directory written by ingest', 'data/processed/default')
  .option('--params <file>', 'params file with the gate settings', 'libs/sales/model/params.yaml')
  .option('--registry <file>', 'committed registry file with the aliases', 'registry/sales-forecast.json')
  .option('--store <dir>', 'local content-addressed candidate store', 'registry/store/sales-forecast')
  .option('--out <dir>', 'served model directory, replaced only when every gate passes', 'dist/models/sales-forecast-gated');

await runMain(async () => {
  const o = program.parse().opts<{ model: string; data: string; params: string; registry: string; store: string; out: string }>();
  const report = await gateSalesModel({ modelDir: o.model, dataDir: o.data, paramsPath: o.params, registryFile: o.registry, storeDir: o.store, outDir: o.out });
  console.log(`gates for ${report.name} ${report.modelVersion} (model.onnx ${report.modelSha256.slice(0, 12)}) on data ${report.dataVersion.slice(0, 12)}:`);
  for (const r of report.results) {
    console.log(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.gate.padEnd(14)} ${fmt(r.figure).padStart(9)}  bar ${r.comparison} ${fmt(r.bar).padEnd(8)} ${r.summary}`);
  }
  if (!report.passed) {
    await writeRejected(`${o.out}.rejected.json`, report);
    console.log(`the served model in ${o.out} is unchanged; results in ${o.out}.rejected.json`);
  } else {
    // A rejection left by an earlier failed run no longer describes the served model.
    await rm(`${o.out}.rejected.json`, { force: true });
    console.log(`registered candidate ${report.candidate!.dir}; serving it from ${o.out}`);
  }
  assertGates(report.results);
});

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v);
}
