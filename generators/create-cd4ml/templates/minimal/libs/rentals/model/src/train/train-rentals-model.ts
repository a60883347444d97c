import { assertGates, MAX_PARITY_TOLERANCE, parityGate } from '@cd4ml/evaluation';
import { codeVersion, HOLDOUT_FILE, sha256, writeArtifact, type ModelCard } from '@cd4ml/model-artifact';
import { PROFILE_FILE } from '@cd4ml/monitoring';
import { recordRun } from '@cd4ml/registry';
import { predict, toOnnx, trainGbt } from '@cd4ml/trees';
import { readProcessedRentals } from '@minimal/rentals-data';
import { createFeatureSpec, featureMatrix, featureNames, featureSchemaVersion } from '../features.ts';
import { REFERENCE_BASELINE, rentalsMetricPolicy as policy } from '../metrics.ts';
import { rentalsProfile } from '../monitor.ts';
import { readParams } from '../params.ts';
import { scoreOnnx } from '../score.ts';

export const MODEL_NAME = 'rentals-forecast';
/** The in-process ensemble beside model.onnx, so the gate can check parity on the artifact itself. */
export const ENSEMBLE_FILE = 'ensemble.json';
/** Rows of the holdout sample (`holdout.json`): replayed by the app at load and by the platform's smoke test through HTTP. */
const HOLDOUT_ROWS = 200;

/**
 * Trains the rentals forecast on train.csv, exports it to ONNX, checks that the export predicts
 * what the trained model predicts on every validation row, and writes the artifact (model.onnx, the
 * card with the feature spec, ensemble.json, and holdout.json: validation inputs with what the
 * export predicts for them). With `runsDir`, also writes a run record there.
 */
export async function trainRentalsModel(o: { dataDir: string; paramsPath: string; outDir: string; runsDir?: string }): Promise<ModelCard> {
  const started = performance.now();
  const params = await readParams(o.paramsPath);
  const data = await readProcessedRentals(o.dataDir);
  const { rawDataVersion, processedDataVersion } = data;
  // The spec comes from the training rows only: validation rows must never shape the features.
  const spec = createFeatureSpec(data.train);
  const trainX = featureMatrix(spec, data.train);
  const model = trainGbt(trainX, Float64Array.from(data.train, (r) => Math.log1p(r.rentals)), { ...params.model, earlyStoppingRounds: 0 }, { featureNames: [...featureNames] });
  const fitMs = Math.round(performance.now() - started);

  const code = codeVersion();
  const modelVersion = sha256(JSON.stringify([model.trees, model.baseScore])).slice(0, 12);
  const runId = sha256(JSON.stringify({ code, rawDataVersion, processedDataVersion, params })).slice(0, 12);
  const onnx = toOnnx(model, { producerName: 'cd4ml', metadata: { model_name: MODEL_NAME, model_version: modelVersion, target: 'log1p(rentals)' } });
  const scored = await scoreOnnx(onnx, spec, data);
  // An export that no gate could pass is never written; the gate judges parity against its own bar
  // (gates.yaml), which train does not read, so that changing a bar never retrains.
  const [parity] = assertGates([parityGate(predict(model, scored.x), scored.logPred, MAX_PARITY_TOLERANCE)]);

  const metrics = { primary: policy.primary, label: policy.label ?? policy.primary, description: policy.description, validation: scored.overall, baselines: scored.baselines, referenceBaseline: REFERENCE_BASELINE, parityMaxAbsDiff: parity!.figure };
  const window = (rows: typeof data.train) => ({ start: rows[0]?.date ?? '', end: rows.at(-1)?.date ?? '' });
  const training = {
    algorithm: 'gbt',
    trainRows: data.train.length,
    fitRows: data.train.length,
    earlyStoppingRows: 0,
    validRows: data.valid.length,
    trees: model.trees.length,
    bestIteration: model.bestIteration,
    durationMs: Math.round(performance.now() - started),
    fitMs,
    learningCurve: model.history,
    featureImportance: Object.fromEntries(featureNames.map((n, i) => [n, model.featureImportance[i] ?? 0])),
    trainWindow: window(data.train),
    validWindow: window(data.valid),
  };
  // What the exported model predicts for them, unrounded, in rentals.
  const holdout = holdoutRows(data.valid).map((i) => {
    const r = data.valid[i]!;
    return { input: { date: r.date, station: r.station, temperature: r.temperature, precipitation: r.precipitation }, expected: Math.max(0, Math.expm1(scored.logPred[i]!)), actual: r.rentals };
  });
  const createdAt = new Date().toISOString();
  const card = await writeArtifact(
    o.outDir,
    onnx,
    { artifactVersion: 2, name: MODEL_NAME, modelVersion, runId, createdAt, featureSchemaVersion, featureNames: [...featureNames], target: 'log1p(rentals)', rawDataVersion, processedDataVersion, code, params, metrics, training, spec },
    // The monitor compares production's traffic with this profile of the training rows and of the model's predictions on them.
    { [ENSEMBLE_FILE]: model, [HOLDOUT_FILE]: holdout, [PROFILE_FILE]: rentalsProfile(trainX.values, Float64Array.from(predict(model, trainX), (v) => Math.max(0, Math.expm1(v))), `training rows: all ${data.train.length}`) },
  );
  if (o.runsDir) await recordRun(o.runsDir, card, scored.slices, o.outDir);
  return card;
}

/** The rows of the holdout sample: as many of every station, spread over the validation window, in order. */
function holdoutRows(valid: readonly { station: string }[]): number[] {
  const byStation = new Map<string, number[]>();
  valid.forEach((r, i) => byStation.set(r.station, [...(byStation.get(r.station) ?? []), i]));
  const each = Math.ceil(HOLDOUT_ROWS / Math.max(1, byStation.size));
  const spread = (rows: number[]) => rows.filter((_, k) => k % Math.max(1, Math.floor(rows.length / each)) === 0).slice(0, each);
  return [...byStation.values()].flatMap(spread).sort((a, b) => a - b);
}
