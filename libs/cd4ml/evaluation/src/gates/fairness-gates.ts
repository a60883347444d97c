import { primaryOf, type MetricPolicy, type MetricSet } from '../metrics.ts';
import type { SliceMetrics } from '../slices.ts';
import { compareGate, type GateResult } from './gate-result.ts';

/** Settings of {@link fairnessGates}. */
export interface FairnessSettings {
  /** Slices with fewer rows are reported but not gated: their error is mostly noise. */
  minRows: number;
  /** Largest acceptable slice error / overall error, in the primary metric. */
  maxErrorRatio: number;
  /** Largest acceptable |mean signed log error| of a slice. */
  maxAbsBias: number;
}

interface Offender {
  slice: string;
  rows: number;
  value: number;
}

/**
 * Gate 3: for every slice with at least `minRows` rows, its error relative to the overall error
 * stays within `maxErrorRatio`, and its signed bias stays within ±`maxAbsBias`. A systematic
 * under-forecast of one group means shortages, and censored outcomes that bias the
 * next model's training data, even when the overall error looks fine.
 */
export function fairnessGates(policy: MetricPolicy, overall: MetricSet, slices: readonly SliceMetrics[], s: FairnessSettings): GateResult[] {
  const rows = (x: SliceMetrics) => x.metrics['rows'] ?? 0;
  const gated = slices.filter((x) => rows(x) >= s.minRows);
  const error = primaryOf(overall, policy);
  const name = (x: SliceMetrics) => `${x.dimension}=${x.slice}`;
  const ratios: Offender[] = gated.map((x) => ({ slice: name(x), rows: rows(x), value: error > 0 ? primaryOf(x.metrics, policy) / error : 1 }));
  const biases: Offender[] = gated.map((x) => ({ slice: name(x), rows: rows(x), value: x.metrics['bias'] ?? Number.NaN }));
  const worstRatio = maxBy(ratios, (o) => o.value);
  const worstBias = maxBy(biases, (o) => Math.abs(o.value));
  const skipped = slices.length - gated.length;
  const common = { gatedSlices: gated.length, skippedSmallSlices: skipped, minRows: s.minRows };
  return [
    compareGate(
      'slice-error',
      worstRatio?.value ?? 0,
      '<=',
      s.maxErrorRatio,
      worstRatio ? `worst slice ${worstRatio.slice} (${worstRatio.rows} rows): its error is ${worstRatio.value.toFixed(2)}x the overall error` : 'no slice large enough to gate',
      { ...common, offenders: ratios.filter((o) => o.value > s.maxErrorRatio) },
    ),
    compareGate(
      'slice-bias',
      Math.abs(worstBias?.value ?? 0),
      '<=',
      s.maxAbsBias,
      worstBias
        ? `most biased slice ${worstBias.slice} (${worstBias.rows} rows): mean signed log error ${worstBias.value.toFixed(3)} (${worstBias.value < 0 ? 'under' : 'over'}-forecast)`
        : 'no slice large enough to gate',
      { ...common, offenders: biases.filter((o) => Math.abs(o.value) > s.maxAbsBias) },
    ),
  ];
}

function maxBy<T>(xs: readonly T[], f: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (best === undefined || f(x) > f(best)) best = x;
  return best;
}
