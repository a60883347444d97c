import { compareGate, type GateResult } from './gate-result.ts';

/** Settings of {@link thresholdGates}. */
export interface ThresholdSettings {
  /** Highest acceptable error (e.g. NWRMSLE). */
  maxError: number;
  /** Fraction by which the model must beat the baseline's error, e.g. 0.1 = 10% lower. */
  minImprovementOverBaseline: number;
}

/**
 * Gate 1: the error is at or below an absolute bar, and beats the baseline (e.g. seasonal naive,
 * measured on the same rows) by the configured margin.
 *
 * @param error the candidate's error on the holdout
 * @param baselineError the baseline's error on the same rows
 */
export function thresholdGates(error: number, baselineError: number, s: ThresholdSettings, metric = 'NWRMSLE'): GateResult[] {
  const improvement = baselineError > 0 ? 1 - error / baselineError : -Infinity;
  return [
    compareGate('threshold', error, '<=', s.maxError, `${metric} ${error.toFixed(4)} against an absolute bar of ${s.maxError}`),
    compareGate(
      'beats-baseline',
      improvement,
      '>=',
      s.minImprovementOverBaseline,
      `${(improvement * 100).toFixed(1)}% better than the baseline's ${metric} ${baselineError.toFixed(4)}; needs ${(s.minImprovementOverBaseline * 100).toFixed(1)}%`,
      { error, baselineError },
    ),
  ];
}
