import type { MetricPolicy, MetricSet } from '../metrics.ts';
import { primaryOf } from '../metrics.ts';
import type { SliceMetrics } from '../slices.ts';
import { fairnessGates } from './fairness-gates.ts';
import type { GateResult } from './gate-result.ts';
import type { GateSettings } from './gate-settings.ts';
import { parityGate } from './parity-gate.ts';
import { ratchetGate, type ChampionLookup } from './ratchet-gate.ts';
import { thresholdGates } from './threshold-gates.ts';

/** Everything the gates look at, measured on the exported model over the validation window. */
export interface GateInputs {
  policy: MetricPolicy;
  settings: GateSettings;
  overall: MetricSet;
  /** Metrics of each baseline on the same rows, by name. */
  baselines: Readonly<Record<string, MetricSet>>;
  /** The baseline the `beats-baseline` gate names, e.g. "seasonalNaive". */
  referenceBaseline: string;
  slices: readonly SliceMetrics[];
  champion: ChampionLookup;
  /** In-process and exported predictions of the same rows, or why the in-process model is missing. */
  parity: { reference: ArrayLike<number>; exported: ArrayLike<number> } | { missing: string };
}

/**
 * Every gate of the platform, in order: threshold, beats the reference and the strongest baseline,
 * ratchet against the champion, slice error and slice bias, and parity of the export.
 */
export function modelGates(g: GateInputs): GateResult[] {
  const error = primaryOf(g.overall, g.policy);
  const ratchet = g.champion.champion ? ratchetGate(error, g.champion.champion, g.settings.ratchetTolerance) : ratchetGate(error, undefined, g.settings.ratchetTolerance, g.champion.why);
  const parity =
    'missing' in g.parity
      ? { ...parityGate([0], [], g.settings.parityTolerance), summary: g.parity.missing }
      : parityGate(g.parity.reference, g.parity.exported, g.settings.parityTolerance);
  return [
    ...thresholdGates(g.policy, g.overall, g.baselines, g.referenceBaseline, g.settings),
    ratchet,
    ...fairnessGates(g.policy, g.overall, g.slices, g.settings.fairness),
    parity,
  ];
}
