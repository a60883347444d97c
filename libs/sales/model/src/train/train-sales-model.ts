import { dayNumber, isoDate } from '@cd4ml/calendar';
import { createProgress } from '@cd4ml/cli';
import { MAX_PARITY_TOLERANCE, parityGate, regressionMetrics, sliceMetrics } from '@cd4ml/evaluation';
import { codeVersion, HOLDOUT_FILE, sha256, writeArtifact, type ModelCard } from '@cd4ml/model-artifact';
import { onnxPredict } from '@cd4ml/onnx';
import { createFeatureSpec, FeatureBuilder, featureNames, featureSchemaVersion, fitItemStatsFromHistory } from '@cd4ml/sales-features';
import { predict, toOnnx, trainForest, trainGbt, type TreeEnsemble } from '@cd4ml/trees';
import { evaluationReport } from '../report/evaluation-report.ts';
import { readTrainingData } from '../data/sales-data.ts';
import { baselineMetrics } from '../baselines/baselines.ts';
import { REFERENCE_BASELINE, salesMetricPolicy, salesWeight } from '../metrics/sales-metrics.ts';
import { ParamsError, readParams } from '../params.ts';
import { salesSlices } from '../slices/sales-slices.ts';
import { PROFILE_FILE } from '@cd4ml/monitoring';
import { recordRun } from '@cd4ml/registry';
import { trainingProfile } from './sales-profile.ts';
import { holdoutRows, recentActuals } from './artifact-samples.ts';
import { HistoryFeatures, splitAtDay } from './history-features.ts';

export const MODEL_NAME = 'sales-forecast';
export { HOLDOUT_FILE };
/** Recent daily actuals per item (the last 56 days of data, see `recentActuals`), for charts next to forecasts. */
export const RECENT_ACTUALS_FILE = 'recent-actuals.json';
/** The in-process tree ensemble (JSON), kept beside model.onnx so the gate can re-check parity on the artifact. */
export const ENSEMBLE_FILE = 'ensemble.json';

export interface TrainOptions {
  dataDir: string;
  paramsPath: string;
  outDir: string;
  /** Tracking store: when set, a run record is written there (see `recordRun`). */
  runsDir?: string;
}

export class ParityError extends Error {
  override readonly name = 'ParityError';
  readonly code = 'PARITY_FAILED';
}

const toUnits = (logPred: ArrayLike<number>) => Float64Array.from(logPred, (v) => Math.max(0, Math.expm1(v)));

/**
 * Trains the sales forecast on the processed tables in `dataDir`, exports it to ONNX, checks that
 * the export predicts what the in-process model predicts on the whole validation set, and writes
 * the artifact (model.onnx, model.json card, holdout sample, recent actuals, the in-process
 * ensemble for the parity gate, the training profile for the monitor) to `outDir`. With `runsDir`, it also writes a run record there.
 */
export async function trainSalesModel(o: TrainOptions): Promise<ModelCard> {
  const started = performance.now();
  const params = await readParams(o.paramsPath);
  // The training table as typed columns, never as row objects: rows took this stage to a 4.2 GB
  // peak at 4.7M rows. Validation rows are few and stay rows. See libs/cd4ml/trees/README.md, "Memory".
  const { train, valid, reference, rawDataVersion, processedDataVersion } = await readTrainingData(o.dataDir);

  // Statistics come from the training rows only: validation rows must never shape the features.
  const spec = createFeatureSpec(reference, fitItemStatsFromHistory(train));
  const features = new FeatureBuilder(spec);
  const xValid = { values: features.matrix(valid), nRows: valid.length, nCols: features.nFeatures };
  const history = new HistoryFeatures(features, train);
  // Early stopping watches the last days of the TRAINING window, never the validation window: the
  // validation window is where evaluate and the gates measure the model, so it must stay unseen.
  const esDays = params.model.gbt.earlyStoppingDays;
  const algorithm = params.model.algorithm;
  const useEs = algorithm === 'gbt' && params.model.gbt.earlyStoppingRounds > 0;
  const split = splitAtDay(train, useEs ? dayNumber(spec.stats.trainEnd) - esDays + 1 : Infinity);
  const fitRows = split.before;
  const esRows = split.after;
  if (useEs && (fitRows.length === 0 || esRows.length === 0)) {
    throw new ParamsError(
      `model.gbt.earlyStoppingDays (${esDays}) leaves ${fitRows.length} rows to fit and ${esRows.length} to watch in a training window ending ${spec.stats.trainEnd}; lower it, or set earlyStoppingRounds to 0`,
    );
  }

  // The fit rows binned straight from the columns, 1 byte a cell: their float32 matrix never exists.
  // With the params' maxBins and seed, the very model the float matrix gave (see `binRows`).
  const xTrain = history.binned(fitRows, algorithm === 'gbt' ? params.model.gbt : params.model.forest);
  const yTrain = history.target(fitRows);
  const watch = useEs ? { valid: { x: history.matrix(esRows), y: history.target(esRows) } } : {};

  const total = algorithm === 'gbt' ? params.model.gbt.nEstimators : params.model.forest.nEstimators;
  const progress = createProgress(`train ${algorithm}`, total);
  const onProgress = (e: { iteration: number }) => progress.update(e.iteration + 1);
  let model: TreeEnsemble;
  const fitStarted = performance.now();
  try {
    model =
      algorithm === 'gbt'
        ? trainGbt(xTrain, yTrain, params.model.gbt, { featureNames: [...featureNames], ...watch, onProgress })
        : trainForest(xTrain, yTrain, params.model.forest, { featureNames: [...featureNames], onProgress });
  } finally {
    progress.stop();
  }
  const fitMs = Math.round(performance.now() - fitStarted);

  const code = codeVersion();
  const runId = sha256(JSON.stringify({ code, rawDataVersion, processedDataVersion, params })).slice(0, 12);
  const modelVersion = sha256(JSON.stringify({ trees: model.trees, baseScore: model.baseScore })).slice(0, 12);
  const onnx = toOnnx(model, {
    producerName: 'cd4ml',
    metadata: {
      model_name: MODEL_NAME,
      model_version: modelVersion,
      run_id: runId,
      raw_data_version: rawDataVersion,
      processed_data_version: processedDataVersion,
      feature_schema_version: String(featureSchemaVersion),
      target: 'log1p(unit_sales)',
    },
  });

  // An export that no gate could pass is never written; the gate stage judges parity against its own
  // bar (gates.yaml), which train does not read, so that changing a bar never retrains.
  const exported = await onnxPredict(onnx, xValid);
  const parity = parityGate(predict(model, xValid), exported, MAX_PARITY_TOLERANCE);
  if (!parity.passed) throw new ParityError(`the ONNX export disagrees with the trained model: ${parity.summary}, up to ${parity.figure} (no gate accepts more than ${MAX_PARITY_TOLERANCE})`);

  const actual = Float64Array.from(valid, (r) => r.unit_sales);
  const weights = Float64Array.from(valid, salesWeight);
  const units = toUnits(exported);
  const validation = regressionMetrics(units, actual, salesMetricPolicy, weights);
  const baselines = baselineMetrics(train, valid, actual, weights);
  const holdout = holdoutRows(valid).map((i) => {
    const r = valid[i]!;
    return { input: { date: r.date, store_nbr: r.store_nbr, item_nbr: r.item_nbr, onpromotion: r.onpromotion }, actual: r.unit_sales, expected: Math.max(0, Math.expm1(exported[i]!)) };
  });

  const metrics: ModelCard['metrics'] = {
    primary: salesMetricPolicy.primary,
    label: salesMetricPolicy.label ?? salesMetricPolicy.primary,
    description: salesMetricPolicy.description,
    validation,
    baselines,
    referenceBaseline: REFERENCE_BASELINE,
    parityMaxAbsDiff: parity.figure,
  };
  const writeRunRecord = async (runsDir: string, written: ModelCard) => {
    const slices = sliceMetrics(units, actual, weights, salesSlices(valid), salesMetricPolicy);
    await recordRun(runsDir, written, slices, o.outDir, evaluationReport({ card: written, pred: units, actual, overall: validation, baselines, slices }));
  };
  const card = await writeArtifact(
    o.outDir,
    onnx,
    {
      artifactVersion: 2,
      name: MODEL_NAME,
      modelVersion,
      runId,
      createdAt: new Date().toISOString(),
      featureSchemaVersion,
      featureNames: [...featureNames],
      target: 'log1p(unit_sales)',
      rawDataVersion,
      processedDataVersion,
      code,
      params,
      metrics,
      training: {
        algorithm,
        trainRows: train.length,
        fitRows: fitRows.length,
        earlyStoppingRows: esRows.length,
        validRows: valid.length,
        trees: model.trees.length,
        bestIteration: model.bestIteration,
        durationMs: Math.round(performance.now() - started),
        fitMs,
        learningCurve: model.history,
        featureImportance: Object.fromEntries(featureNames.map((n, i) => [n, model.featureImportance[i] ?? 0])),
        trainWindow: { start: isoDate(train.day[0]!), end: spec.stats.trainEnd },
        validWindow: { start: valid[0]?.date ?? '', end: valid.at(-1)?.date ?? '' },
      },
      spec,
    },
    // The reference profile the monitor compares production traffic with (docs/monitoring.md).
    { [HOLDOUT_FILE]: holdout, [RECENT_ACTUALS_FILE]: recentActuals(train, valid), [ENSEMBLE_FILE]: model, [PROFILE_FILE]: trainingProfile(history, train.length, model) },
    // The run record is part of the artifact's commit: written before the swap, so a full disk
    // there leaves the previous model in place, never a new model without its record.
    { beforeSwap: (written) => (o.runsDir ? writeRunRecord(o.runsDir, written) : Promise.resolve()) },
  );
  return card;
}
