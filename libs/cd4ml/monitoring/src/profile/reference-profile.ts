import { quantiles } from '@cd4ml/drift';
import { z } from 'zod';

/** The profile's file name inside a model artifact (listed in its manifest like every other file). */
export const PROFILE_FILE = 'profile.json';
/** Bump when the shape below changes; readers refuse another version. */
export const PROFILE_VERSION = 1;
/** Quantiles kept per numeric column: the percentiles, minimum and maximum included. */
export const PROFILE_QUANTILES = 101;
/** A categorical column keeps its most frequent values; the rest share one "(other)" bin. */
export const MAX_CATEGORIES = 50;
export const OTHER_CATEGORY = '(other)';

const share = z.number().min(0).max(1);

/** A numeric column: its percentiles (for KS and Wasserstein) and decile bins (for PSI). */
export const numericProfileSchema = z.strictObject({
  kind: z.literal('numeric'),
  count: z.number().int().positive(),
  mean: z.number(),
  std: z.number().nonnegative(),
  quantiles: z.array(z.number()).length(PROFILE_QUANTILES),
  /** Upper edges of the bins but the last, which is open: a value v falls in the first bin whose edge is ≥ v. */
  edges: z.array(z.number()),
  /** Share of the rows in each bin: one more than the edges. */
  shares: z.array(share),
});

/** A categorical column: the share of each value (as a string), the rarest ones pooled. */
export const categoricalProfileSchema = z.strictObject({
  kind: z.literal('categorical'),
  count: z.number().int().positive(),
  shares: z.record(z.string(), share),
});

export const columnProfileSchema = z.discriminatedUnion('kind', [numericProfileSchema, categoricalProfileSchema]);

/**
 * `profile.json`: what the model's training data looked like, so that live traffic can be compared
 * with it without shipping the data. One entry per feature, and the model's predictions on the
 * same rows.
 */
export const referenceProfileSchema = z.strictObject({
  profileVersion: z.literal(PROFILE_VERSION),
  /** Which rows were profiled, in words, e.g. "training rows (fit window)". */
  source: z.string().min(1),
  rows: z.number().int().positive(),
  features: z.record(z.string(), columnProfileSchema),
  prediction: z.strictObject({ name: z.string().min(1), profile: numericProfileSchema }),
});

export type NumericProfile = z.infer<typeof numericProfileSchema>;
export type CategoricalProfile = z.infer<typeof categoricalProfileSchema>;
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
export type ReferenceProfile = z.infer<typeof referenceProfileSchema>;

/** What {@link buildProfile} profiles: a row-major feature matrix and the predictions on its rows. */
export interface ProfileInput {
  featureNames: readonly string[];
  /** Row-major, `featureNames.length` values per row. */
  matrix: ArrayLike<number>;
  /** Features whose values are codes (a family, a weekday, a flag) rather than quantities. */
  categorical: ReadonlySet<string>;
  /** The name of the predicted value, e.g. "rentals", and the predictions, one per row. */
  prediction: { name: string; values: ArrayLike<number> };
  source: string;
}

/**
 * Profiles the training rows of a model: quantiles and decile bins of every numeric feature, value
 * shares of every categorical one, and the same for the predictions. One column is held at a time,
 * so the extra memory is one column of Float64 (0.8 MB per 100k rows).
 *
 * @example buildProfile({ featureNames, matrix: x.values, categorical: new Set(['family']), prediction: { name: 'units', values: pred }, source: 'training rows' })
 */
export function buildProfile(input: ProfileInput): ReferenceProfile {
  const width = input.featureNames.length;
  const rows = input.prediction.values.length;
  if (rows === 0) throw new RangeError('a profile needs at least one row');
  if (input.matrix.length !== rows * width) throw new RangeError(`matrix has ${input.matrix.length} values, expected ${rows} rows × ${width} features`);
  for (const name of input.categorical) if (!input.featureNames.includes(name)) throw new RangeError(`categorical feature "${name}" is not one of the feature names`);
  const column = new Float64Array(rows);
  const features: Record<string, ColumnProfile> = {};
  input.featureNames.forEach((name, j) => {
    for (let i = 0; i < rows; i += 1) column[i] = input.matrix[i * width + j]!;
    features[name] = input.categorical.has(name) ? categoricalProfile(column) : numericProfile(column);
  });
  return {
    profileVersion: PROFILE_VERSION,
    source: input.source,
    rows,
    features,
    prediction: { name: input.prediction.name, profile: numericProfile(Float64Array.from(input.prediction.values)) },
  };
}

/** Quantiles, moments and decile bins of one column (values need not be sorted). */
export function numericProfile(raw: ArrayLike<number>): NumericProfile {
  // Values are compared at the precision the file keeps: a float32 feature such as 2.3143019 must
  // fall on the same side of the stored edge 2.3143 here and in live traffic (columnDrift rounds
  // too), or a column with few distinct values shows a large KS on identical data.
  const values = Float64Array.from(raw, roundLikeProfile);
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += values[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i += 1) sq += (values[i]! - mean) ** 2;
  const q = quantiles(values, PROFILE_QUANTILES).map(roundLikeProfile);
  // Decile edges, each value once: a discrete column (a count, a flag) gets fewer, wider bins.
  const edges = [...new Set([10, 20, 30, 40, 50, 60, 70, 80, 90].map((p) => q[p]!))].filter((e) => e < q[PROFILE_QUANTILES - 1]!);
  return { kind: 'numeric', count: n, mean: roundLikeProfile(mean), std: roundLikeProfile(Math.sqrt(sq / n)), quantiles: q, edges, shares: binShares(edges, values) };
}

/** Shares of the values in the bins closed above by `edges` (and one open bin past the last edge). */
export function binShares(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! >= v) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]! += 1;
  }
  return counts.map((c) => roundLikeProfile(c / values.length));
}

/** Shares of each value, the {@link MAX_CATEGORIES} most frequent kept and the rest pooled. */
export function categoricalProfile(values: ArrayLike<number | string>): CategoricalProfile {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i += 1) {
    const k = String(values[i]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shares: Record<string, number> = {};
  let other = 0;
  sorted.forEach(([k, c], i) => {
    if (i < MAX_CATEGORIES) shares[k] = roundLikeProfile(c / values.length);
    else other += c;
  });
  if (other > 0) shares[OTHER_CATEGORY] = roundLikeProfile(other / values.length);
  return { kind: 'categorical', count: values.length, shares };
}

/** Six significant digits: the file stays small and its bytes stable. Live values are compared at this precision. */
export const roundLikeProfile = (v: number): number => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6)));
