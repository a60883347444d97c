import { join } from 'node:path';
import { replaceDirAtomic, writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import type { RegressionMetrics, SliceMetrics } from '@cd4ml/evaluation';
import { backtest, type BacktestFold } from './backtest.ts';
import { evaluationReport } from './evaluation-report.ts';
import { readSalesData } from './sales-data.ts';
import { scoreArtifact } from './score-artifact.ts';

export const EVALUATION_FILE = 'evaluation.json';
export const REPORT_FILE = 'report.html';

export interface EvaluateOptions {
  modelDir: string;
  dataDir: string;
  outDir: string;
  /** Number of rolling time folds to retrain and score (0 = none). Needs `paramsPath`. */
  backtestFolds?: number;
  paramsPath?: string;
}

/** What evaluation.json holds. */
export interface Evaluation {
  name: string;
  modelVersion: string;
  runId: string;
  dataVersion: string;
  overall: RegressionMetrics;
  baselines: { seasonalNaive: RegressionMetrics; itemMean: RegressionMetrics };
  slices: SliceMetrics[];
  backtest?: BacktestFold[];
}

/**
 * Scores the exported artifact (model.onnx in onnxruntime-node) on the validation window: every
 * metric overall, per slice and for the baselines; optionally a rolling backtest. Writes
 * evaluation.json and report.html into `outDir`, replacing it atomically.
 */
export async function evaluateSalesModel(o: EvaluateOptions): Promise<Evaluation> {
  const data = await readSalesData(o.dataDir);
  const scored = await scoreArtifact(o.modelDir, data);
  const folds = o.backtestFolds && o.paramsPath ? await backtest(o.dataDir, o.paramsPath, o.backtestFolds) : undefined;
  const evaluation: Evaluation = {
    name: scored.card.name,
    modelVersion: scored.card.modelVersion,
    runId: scored.card.runId,
    dataVersion: data.dataVersion,
    overall: scored.overall,
    baselines: scored.baselines,
    slices: scored.slices,
    ...(folds ? { backtest: folds } : {}),
  };
  await replaceDirAtomic(o.outDir, async (tmp) => {
    await writeJsonAtomic(join(tmp, EVALUATION_FILE), evaluation);
    await writeFileAtomic(join(tmp, REPORT_FILE), evaluationReport(scored, folds));
  });
  return evaluation;
}
