/** The settings both fitters get (bench/ts-fit.ts and bench/sklearn-fit.py): early stopping is off. */
export interface FitOptions {
  threads: number;
  maxIter: number;
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  maxBins: number;
  seed: number;
}

/** What one fit reports (one JSON line from either fitter). */
export interface FitResult {
  fitSeconds: number;
  validRmse: number;
  validWrmsle?: number;
  iterations: number;
  threads: number;
  onnxSha256?: string;
  peakRssMiB: number;
}

/**
 * RMSE of log-space predictions on the validation rows, and when the matrix file carries row weights
 * the weighted RMSLE (predicted units clipped at 0, so log predictions at 0). sklearn-fit.py computes
 * the same two figures.
 */
export function scoreValidation(pred: Float64Array, y: Float64Array, weights?: Float64Array): { validRmse: number; validWrmsle?: number } {
  let se = 0;
  let wse = 0;
  let w = 0;
  for (let i = 0; i < y.length; i++) {
    se += (pred[i]! - y[i]!) ** 2;
    if (weights) {
      wse += weights[i]! * (Math.max(0, pred[i]!) - y[i]!) ** 2;
      w += weights[i]!;
    }
  }
  return { validRmse: Math.sqrt(se / y.length), ...(weights ? { validWrmsle: Math.sqrt(wse / w) } : {}) };
}
