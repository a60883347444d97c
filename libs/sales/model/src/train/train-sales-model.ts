import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createProgress, readManifest } from '@cd4ml/data';
import { regressionMetrics, type RegressionMetrics } from '@cd4ml/evaluation';
import { codeVersion, sha256, writeArtifact, type ModelCard } from '@cd4ml/model-artifact';
import { createFeatureSpec, FeatureBuilder, featureNames, featureSchemaVersion, fitItemStats } from '@cd4ml/sales-features';
import { dayNumber, isoDate, type HolidayEvent, type Item, type SalesRow, type Store } from '@cd4ml/sales-schema';
import { predict, toOnnx, trainForest, trainGbt, type TreeEnsemble } from '@cd4ml/trees';
import { readParams } from '../params.ts';
import { itemMean, seasonalNaive } from './baselines.ts';
import { onnxPredict } from './onnx-predict.ts';
import { readSalesTable } from './sales-table.ts';

export const MODEL_NAME = 'sales-forecast';
export const HOLDOUT_FILE = 'holdout.json';
/** Recent daily actuals per item (last {@link RECENT_DAYS} days of data), for charts next to forecasts. */
export const RECENT_ACTUALS_FILE = 'recent-actuals.json';
const RECENT_DAYS = 56;
const HOLDOUT_SAMPLE = 500;
/** float32 tolerance between the in-process model and its ONNX export, in log1p(units). */
const PARITY_TOLERANCE = 1e-4;

export interface TrainOptions {
  dataDir: string;
  paramsPath: string;
  outDir: string;
}

export class ParityError extends Error {
  override readonly name = 'ParityError';
  readonly code = 'PARITY_FAILED';
}

/** Perishables weigh 1.25 in Favorita's NWRMSLE. */
const weightOf = (r: SalesRow) => (r.perishable ? 1.25 : 1);
const toUnits = (logPred: ArrayLike<number>) => Float64Array.from(logPred, (v) => Math.max(0, Math.expm1(v)));

/**
 * Trains the sales forecast on the processed tables in `dataDir`, exports it to ONNX, checks that
 * the export predicts what the in-process model predicts on the whole validation set, and writes
 * the artifact (model.onnx, model.json card, holdout sample) to `outDir`.
 */
export async function trainSalesModel(o: TrainOptions): Promise<ModelCard> {
  const started = performance.now();
  const params = await readParams(o.paramsPath);
  const manifest = await readManifest(join(o.dataDir, 'manifest.json'));
  const train = await readSalesTable(join(o.dataDir, 'train.csv'));
  const valid = await readSalesTable(join(o.dataDir, 'valid.csv'));
  const reference = JSON.parse(await readFile(join(o.dataDir, 'reference.json'), 'utf8')) as { items: Item[]; stores: Store[]; holidays: HolidayEvent[] };

  // Statistics come from the training rows only: validation rows must never shape the features.
  const spec = createFeatureSpec(reference, fitItemStats(train));
  const features = new FeatureBuilder(spec);
  const matrix = (rows: SalesRow[]) => ({ values: features.matrix(rows), nRows: rows.length, nCols: features.nFeatures });
  const target = (rows: SalesRow[]) => Float64Array.from(rows, (r) => Math.log1p(r.unit_sales));
  const xTrain = matrix(train);
  const xValid = matrix(valid);

  const algorithm = params.model.algorithm;
  const total = algorithm === 'gbt' ? params.model.gbt.nEstimators : params.model.forest.nEstimators;
  const progress = createProgress(`train ${algorithm}`, total);
  const onProgress = (e: { iteration: number }) => progress.update(e.iteration + 1);
  let model: TreeEnsemble;
  try {
    model =
      algorithm === 'gbt'
        ? trainGbt(xTrain, target(train), params.model.gbt, { featureNames: [...featureNames], valid: { x: xValid, y: target(valid) }, onProgress })
        : trainForest(xTrain, target(train), params.model.forest, { featureNames: [...featureNames], onProgress });
  } finally {
    progress.stop();
  }

  const code = codeVersion();
  const dataVersion = String(manifest.source['rawDataVersion'] ?? manifest.dataVersion);
  const runId = sha256(JSON.stringify({ code, dataVersion, params })).slice(0, 12);
  const modelVersion = sha256(JSON.stringify({ trees: model.trees, baseScore: model.baseScore })).slice(0, 12);
  const onnx = toOnnx(model, {
    producerName: 'cd4ml',
    metadata: {
      model_name: MODEL_NAME,
      model_version: modelVersion,
      run_id: runId,
      data_version: dataVersion,
      feature_schema_version: String(featureSchemaVersion),
      target: 'log1p(unit_sales)',
    },
  });

  const inProcess = predict(model, xValid);
  const exported = await onnxPredict(onnx, xValid);
  let maxDiff = 0;
  for (let i = 0; i < inProcess.length; i += 1) maxDiff = Math.max(maxDiff, Math.abs(inProcess[i]! - exported[i]!));
  if (!(maxDiff <= PARITY_TOLERANCE)) {
    throw new ParityError(`the ONNX export disagrees with the trained model by up to ${maxDiff} (tolerance ${PARITY_TOLERANCE}) on the validation set`);
  }

  const actual = Float64Array.from(valid, (r) => r.unit_sales);
  const weights = Float64Array.from(valid, weightOf);
  const model_ = regressionMetrics(toUnits(exported), actual, weights);
  const naive = regressionMetrics(seasonalNaive(train, valid), actual, weights);
  const mean = regressionMetrics(itemMean(train, valid), actual, weights);
  const step = Math.max(1, Math.floor(valid.length / HOLDOUT_SAMPLE));
  const holdout = [];
  for (let i = 0; i < valid.length && holdout.length < HOLDOUT_SAMPLE; i += step) {
    const r = valid[i]!;
    holdout.push({
      input: { date: r.date, store_nbr: r.store_nbr, item_nbr: r.item_nbr, onpromotion: r.onpromotion },
      actual: r.unit_sales,
      expected: Math.max(0, Math.expm1(exported[i]!)),
    });
  }

  const metrics: Record<string, RegressionMetrics | number> = {
    validation: model_,
    seasonalNaive: naive,
    itemMean: mean,
    parityMaxAbsDiff: maxDiff,
  };
  return writeArtifact(
    o.outDir,
    onnx,
    {
      artifactVersion: 1,
      name: MODEL_NAME,
      modelVersion,
      runId,
      createdAt: new Date().toISOString(),
      featureSchemaVersion,
      featureNames: [...featureNames],
      target: 'log1p(unit_sales)',
      dataVersion,
      code,
      params: params as unknown as Record<string, unknown>,
      metrics,
      training: {
        algorithm,
        trainRows: train.length,
        validRows: valid.length,
        trees: model.trees.length,
        bestIteration: model.bestIteration,
        durationMs: Math.round(performance.now() - started),
        learningCurve: model.history,
        featureImportance: Object.fromEntries(featureNames.map((n, i) => [n, model.featureImportance[i] ?? 0])),
        processedDataVersion: manifest.dataVersion,
        trainWindow: { start: train[0]?.date, end: spec.stats.trainEnd },
        validWindow: { start: valid[0]?.date, end: valid.at(-1)?.date },
      },
      spec,
    },
    { [HOLDOUT_FILE]: holdout, [RECENT_ACTUALS_FILE]: recentActuals([...train, ...valid]) },
  );
}

/** { store_nbr: { item_nbr: [[date, unit_sales], ...] } } over the last days of data, by date. */
function recentActuals(rows: readonly SalesRow[]): { days: number; lastDate: string; stores: Record<string, Record<string, [string, number][]>> } {
  let last = '';
  for (const r of rows) if (r.date > last) last = r.date;
  const first = isoDate(dayNumber(last) - RECENT_DAYS + 1);
  const stores: Record<string, Record<string, [string, number][]>> = {};
  for (const r of rows) {
    if (r.date < first) continue;
    const items = (stores[String(r.store_nbr)] ??= {});
    (items[String(r.item_nbr)] ??= []).push([r.date, r.unit_sales]);
  }
  for (const items of Object.values(stores)) for (const series of Object.values(items)) series.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { days: RECENT_DAYS, lastDate: last, stores };
}
