// Micro-benchmark: npx tsx libs/cd4ml/trees/bench/train.bench.ts [rows] [cols] [trees]
import { defaultGbtParams, predict, toOnnx, trainGbt } from '../src/index.ts';
import { syntheticData } from '../src/synthetic.ts';

const [rows = 200_000, cols = 15, trees = 100] = process.argv.slice(2).map(Number);
const { x, y } = syntheticData(rows, cols, 1);
const params = { ...defaultGbtParams, nEstimators: trees, maxDepth: 6, maxLeaves: Number(process.env.MAX_LEAVES ?? 63), minSamplesLeaf: 20 };

let t0 = performance.now();
const model = trainGbt(x, y, params);
const trainS = (performance.now() - t0) / 1000;
t0 = performance.now();
predict(model, x);
const predictS = (performance.now() - t0) / 1000;
t0 = performance.now();
const bytes = toOnnx(model, {});
const onnxS = (performance.now() - t0) / 1000;
const leaves = model.trees.reduce((s, t) => s + t.feature.filter((f) => f < 0).length, 0);
console.log(
  `train ${rows} x ${cols}, ${trees} trees (depth ${params.maxDepth}, <= ${params.maxLeaves} leaves, ${leaves} leaves total): ${trainS.toFixed(2)} s` +
    ` | predict ${predictS.toFixed(2)} s | toOnnx ${onnxS.toFixed(3)} s, ${bytes.length} bytes | train RMSE ${model.history.at(-1)!.trainRmse.toFixed(4)}`,
);
