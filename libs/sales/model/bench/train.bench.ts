// Benchmark of the sales model: training time, peak memory, NWRMSLE against seasonal naive (same
// run, same rows) and batch inference throughput of model.onnx in onnxruntime-node.
//   npx tsx libs/sales/model/bench/train.bench.ts --data data/processed/default
// Each data set runs in its own process (see the `bench` target), so peak RSS is per data set.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { runMain } from '@cd4ml/cli';
import type { RegressionMetrics } from '@cd4ml/evaluation';
import { loadArtifact } from '@cd4ml/model-artifact';
import { FeatureBuilder, featureSchemaVersion, type FeatureSpec } from '@cd4ml/sales-features';
import { Command } from 'commander';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { readSalesData } from '../src/evaluate/sales-data.ts';
import { trainSalesModel } from '../src/train/train-sales-model.ts';

const program = new Command('bench')
  .description('Train on a processed data set and report training time, peak memory, NWRMSLE vs seasonal naive and ONNX batch throughput.')
  .option('--data <dir>', 'processed data directory', 'data/processed/default')
  .option('--params <file>', 'params file', 'libs/sales/model/params.yaml')
  .option('--batch <rows>', 'inference batch size', (v) => Number(v), 10_000);

await runMain(async () => {
  const o = program.parse().opts<{ data: string; params: string; batch: number }>();
  const out = await mkdtemp(join(tmpdir(), 'cd4ml-bench-'));
  try {
    const t0 = performance.now();
    const card = await trainSalesModel({ dataDir: o.data, paramsPath: o.params, outDir: join(out, 'model') });
    const wall = (performance.now() - t0) / 1000;
    const m = card.metrics as Record<string, RegressionMetrics>;
    const t = card.training as { trainRows: number; validRows: number; trees: number; durationMs: number; fitMs: number };

    // Batch inference: the validation features, repeated to at least 200k rows, in batches.
    const { onnx } = await loadArtifact(join(out, 'model'), { featureSchemaVersion });
    const data = await readSalesData(o.data);
    const features = new FeatureBuilder(card.spec as FeatureSpec);
    const x = features.matrix(data.valid);
    const session = await InferenceSession.create(onnx);
    const nCols = features.nFeatures;
    const batch = Math.min(o.batch, data.valid.length);
    const rounds = Math.max(1, Math.ceil(200_000 / batch));
    const input = new Tensor('float32', x.subarray(0, batch * nCols), [batch, nCols]);
    await session.run({ [session.inputNames[0]!]: input }); // warm-up
    const i0 = performance.now();
    for (let r = 0; r < rounds; r += 1) await session.run({ [session.inputNames[0]!]: input });
    const throughput = (rounds * batch) / ((performance.now() - i0) / 1000);
    await session.release();

    const peakMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({
      data: o.data,
      trainRows: t.trainRows,
      validRows: t.validRows,
      trees: t.trees,
      fitSeconds: Number((t.fitMs / 1000).toFixed(1)),
      trainSeconds: Number((t.durationMs / 1000).toFixed(1)),
      wallSecondsIncludingCsvRead: Number(wall.toFixed(1)),
      peakRssMiB: Math.round(peakMiB),
      nwrmsle: Number(m['validation']!.nwrmsle.toFixed(4)),
      seasonalNaiveNwrmsle: Number(m['seasonalNaive']!.nwrmsle.toFixed(4)),
      onnxBatchRows: batch,
      onnxRowsPerSecond: Math.round(throughput),
      machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    }, null, 2));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
