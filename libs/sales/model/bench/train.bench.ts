// Benchmark of the sales model: training time, peak memory, NWRMSLE against seasonal naive (same
// run, same rows) and batch inference throughput of model.onnx in onnxruntime-node.
//   npx tsx libs/sales/model/bench/train.bench.ts --data data/processed/default --params libs/sales/model/params.yaml
//   npx tsx libs/sales/model/bench/train.bench.ts --scale 1m --params ...   (10 stores, about a million rows)
// Each data set runs in its own process (see the `bench` stage), so peak RSS is per data set.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CliError, integer, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { primaryOf } from '@cd4ml/evaluation';
import { OnnxRegressor } from '@cd4ml/onnx';
import { FeatureBuilder } from '@cd4ml/sales-features';
import { Command } from '@commander-js/extra-typings';
import { readSalesData } from '../src/data/sales-data.ts';
import { loadSalesArtifact } from '../src/evaluate/score-artifact.ts';
import { trainSalesModel } from '../src/train/train-sales-model.ts';

const program = new Command('bench')
  .description('Train on a processed data set and report training time, peak memory, NWRMSLE vs seasonal naive and ONNX batch throughput.')
  .option('--data <dir>', 'processed data folder')
  .option('--scale <size>', 'instead of --data, a seeded data set of this size made once under dist/bench: 1m (10 stores, about a million rows)')
  .requiredOption('--params <file>', 'params file')
  .option('--batch <rows>', 'inference batch size', integer({ min: 1 }), 10_000);

/** A seeded generated and ingested data set under dist/bench, made once (the generator is seeded, so it never changes). */
function benchData(name: string, generate: string[]): string {
  const root = findWorkspaceRoot(import.meta.dirname);
  const processed = join(root, 'dist/bench', `processed-${name}`);
  if (existsSync(join(processed, 'manifest.json'))) return processed;
  const tsx = join(root, 'node_modules/.bin/tsx');
  const raw = join(root, 'dist/bench', `raw-${name}`);
  execFileSync(tsx, ['libs/sales/data/src/generate/cli.ts', '--out', raw, ...generate], { cwd: root, stdio: ['ignore', 2, 2] });
  execFileSync(tsx, ['libs/sales/data/src/ingest/cli.ts', '--raw', raw, '--out', processed], { cwd: root, stdio: ['ignore', 2, 2] });
  return processed;
}

await runMain(async () => {
  const o = program.parse().opts();
  const dataDir = o.data ?? (o.scale === '1m' ? benchData('1m', ['--stores', '10']) : undefined);
  if (!dataDir) throw new CliError('EARG', 'give --data <processed folder> or --scale 1m');
  const out = await mkdtemp(join(tmpdir(), 'cd4ml-bench-'));
  try {
    const t0 = performance.now();
    const card = await trainSalesModel({ dataDir, paramsPath: o.params, outDir: join(out, 'model') });
    const wall = (performance.now() - t0) / 1000;
    const m = card.metrics;
    const t = card.training;

    // Batch inference: the validation features, repeated to at least 200k rows, in batches.
    const artifact = await loadSalesArtifact(join(out, 'model'));
    const data = await readSalesData(dataDir);
    const features = new FeatureBuilder(artifact.card.spec);
    const x = features.matrix(data.valid);
    const regressor = await OnnxRegressor.load(artifact.onnx, features.nFeatures);
    const batch = Math.min(o.batch, data.valid.length);
    const rounds = Math.max(1, Math.ceil(200_000 / batch));
    const input = x.subarray(0, batch * features.nFeatures);
    await regressor.run(input, batch); // warm-up
    const i0 = performance.now();
    for (let r = 0; r < rounds; r += 1) await regressor.run(input, batch);
    const throughput = (rounds * batch) / ((performance.now() - i0) / 1000);
    await regressor.release();

    const peakMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({
      data: dataDir,
      trainRows: t.trainRows,
      validRows: t.validRows,
      trees: t.trees,
      fitSeconds: Number((t.fitMs / 1000).toFixed(1)),
      trainSeconds: Number((t.durationMs / 1000).toFixed(1)),
      wallSecondsIncludingCsvRead: Number(wall.toFixed(1)),
      peakRssMiB: Math.round(peakMiB),
      [m.primary]: Number(primaryOf(m.validation, m).toFixed(4)),
      [`${m.referenceBaseline}.${m.primary}`]: Number(primaryOf(m.baselines[m.referenceBaseline] ?? {}, m).toFixed(4)),
      onnxBatchRows: batch,
      onnxRowsPerSecond: Math.round(throughput),
      machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    }, null, 2));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
