import { join } from 'node:path';
import type { MetricSet, SliceMetrics } from '@cd4ml/evaluation';
import { replaceDirAtomic, writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { backtest } from './backtest.ts';
import { evaluationReport, type BacktestResult } from '../report/evaluation-report.ts';
import { readSalesData } from '../data/sales-data.ts';
import { scoreArtifact } from './score-artifact.ts';

export const EVALUATION_FILE = 'evaluation.json';
export const REPORT_FILE = 'report.html';

export interface EvaluateOptions {
  modelDir: string;
  dataDir: string;
  outDir: string;
  /** Run the rolling backtest over the folds ingest wrote; needs `paramsPath`. */
  backtest?: boolean;
  paramsPath?: string;
}

/** What evaluation.json holds. */
export interface Evaluation {
  name: string;
  modelVersion: string;
  runId: string;
  rawDataVersion: string;
  processedDataVersion: string;
  metric: { primary: string; label: string };
  overall: MetricSet;
  baselines: Record<string, MetricSet>;
  slices: SliceMetrics[];
  backtest?: BacktestResult[];
}

/**
 * Scores the exported artifact (model.onnx in onnxruntime-node) on the validation window: every
 * metric overall, per slice and for the baselines; optionally a rolling backtest. Writes
 * evaluation.json and report.html into `outDir`, replacing it atomically.
 */
export async function evaluateSalesModel(o: EvaluateOptions): Promise<Evaluation> {
  if (o.backtest && !o.paramsPath) throw new RangeError('the backtest retrains the model: give the params file');
  const data = await readSalesData(o.dataDir);
  const scored = await scoreArtifact(o.modelDir, data);
  const folds = o.backtest && o.paramsPath ? await backtest(o.dataDir, o.paramsPath) : undefined;
  const { card } = scored.artifact;
  const evaluation: Evaluation = {
    name: card.name,
    modelVersion: card.modelVersion,
    runId: card.runId,
    rawDataVersion: data.rawDataVersion,
    processedDataVersion: data.processedDataVersion,
    metric: { primary: card.metrics.primary, label: card.metrics.label },
    overall: scored.overall,
    baselines: scored.baselines,
    slices: scored.slices,
    ...(folds ? { backtest: folds } : {}),
  };
  await replaceDirAtomic(o.outDir, async (tmp) => {
    await writeJsonAtomic(join(tmp, EVALUATION_FILE), evaluation);
    await writeFileAtomic(join(tmp, REPORT_FILE), evaluationReport({ ...scored, card }, folds));
  });
  return evaluation;
}
