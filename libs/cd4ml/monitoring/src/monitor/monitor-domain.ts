import type { MetricPolicy, MetricSet } from '@cd4ml/evaluation';
import type { RecordKeys } from '../log/prediction-log.ts';
import type { ReferenceProfile } from '../profile/reference-profile.ts';

/** A slice dimension over a forecast's input; `undefined` leaves a row out of it. */
export interface MonitorSlice {
  name: string;
  key: (input: Record<string, unknown>) => string | undefined;
}

/**
 * What a domain tells the monitor: how its records are keyed, its primary metric, its slices and
 * row weights, and what to recommend on an alert. Nothing else of the domain reaches the platform.
 */
export interface MonitorDomain {
  keys: RecordKeys;
  policy: MetricPolicy;
  slices: readonly MonitorSlice[];
  /** Row weights of the primary metric (e.g. perishables 1.25); without it every row weighs 1. */
  weight?: (input: Record<string, unknown>) => number;
  /** The command that retrains, e.g. "npm run pipeline (the data feedback first: ...)". */
  retrainHint: string;
}

/** The served model as the monitor sees it: identity, validation figures and training profile. */
export interface MonitoredModel {
  name: string;
  version: string;
  /** The order of the logged feature rows. */
  featureNames: readonly string[];
  validation: MetricSet;
  profile: ReferenceProfile;
}
