import { primaryOf, type MetricPolicy, type MetricSet } from '../metrics.ts';
import { compareGate, type GateResult } from './gate-result.ts';

/** Settings of {@link thresholdGates}. */
export interface ThresholdSettings {
  /** Highest acceptable primary metric. */
  maxError: number;
  /** Fraction by which the model must beat the reference baseline, e.g. 0.1 = 10% lower error. */
  minImprovementOverBaseline: number;
  /** Fraction by which the model must beat the strongest baseline evaluation computes. */
  minImprovementOverBestBaseline: number;
}

/**
 * Gate 1: the primary metric is at or below an absolute bar; it beats the reference baseline
 * (e.g. seasonal naive) by its margin; and it beats the strongest baseline (e.g. a per-item mean)
 * by its own margin, so a model no better than a simple average cannot pass.
 *
 * @param baselines metrics of each baseline on the same rows, by name
 * @param reference the name of the reference baseline
 */
export function thresholdGates(policy: MetricPolicy, overall: MetricSet, baselines: Readonly<Record<string, MetricSet>>, reference: string, s: ThresholdSettings): GateResult[] {
  const label = policy.label ?? policy.primary;
  const error = primaryOf(overall, policy);
  const improvement = (baselineError: number) => (baselineError > 0 ? 1 - error / baselineError : -Infinity);
  const referenceMetrics = baselines[reference];
  if (!referenceMetrics) throw new RangeError(`no baseline "${reference}" among ${Object.keys(baselines).join(', ')}`);
  const referenceError = primaryOf(referenceMetrics, policy);
  const [bestName, bestError] = Object.entries(baselines)
    .map(([name, m]) => [name, primaryOf(m, policy)] as const)
    .reduce((a, b) => (b[1] < a[1] ? b : a));
  const beats = (gate: string, name: string, baselineError: number, margin: number) =>
    compareGate(
      gate,
      improvement(baselineError),
      '>=',
      margin,
      `${(improvement(baselineError) * 100).toFixed(1)}% better than ${name} (${label} ${baselineError.toFixed(4)}); needs ${(margin * 100).toFixed(1)}%`,
      { error, baseline: name, baselineError },
    );
  return [
    compareGate('threshold', error, '<=', s.maxError, `${label} ${error.toFixed(4)} against an absolute bar of ${s.maxError}`),
    beats('beats-baseline', reference, referenceError, s.minImprovementOverBaseline),
    beats('beats-best-baseline', bestName, bestError, s.minImprovementOverBestBaseline),
  ];
}
