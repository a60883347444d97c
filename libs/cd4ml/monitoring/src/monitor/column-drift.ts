import { ks, psi, wasserstein } from '@cd4ml/drift';
import { binShares, OTHER_CATEGORY, roundLikeProfile, type ColumnProfile } from '../profile/reference-profile.ts';

/** How far one column of live traffic has moved from its reference profile. */
export interface ColumnDrift {
  name: string;
  kind: ColumnProfile['kind'];
  rows: number;
  /** Population stability index: decile bins of the reference for a number, values for a category. */
  psi: number;
  /** Kolmogorov–Smirnov statistic and its p-value (numbers only). */
  ks?: number;
  pValue?: number;
  /** Wasserstein-1 distance in reference standard deviations (numbers only). */
  wasserstein?: number;
}

/**
 * Compares live values of one column with its profile. A category the profile never saw counts in
 * its "(other)" bin, which then has a share of almost 0 on the reference side, so PSI rises.
 *
 * @param values the column over the window's rows (numbers; a category's code as a number or string)
 */
export function columnDrift(name: string, profile: ColumnProfile, values: ArrayLike<number | string>): ColumnDrift {
  const rows = values.length;
  if (rows === 0) throw new RangeError(`no live values of ${name} to compare`);
  if (profile.kind === 'categorical') {
    const known = Object.keys(profile.shares);
    const live = new Map<string, number>();
    for (let i = 0; i < rows; i += 1) {
      const raw = String(values[i]);
      const k = raw in profile.shares ? raw : OTHER_CATEGORY;
      live.set(k, (live.get(k) ?? 0) + 1);
    }
    const keys = [...new Set([...known, ...live.keys()])];
    return { name, kind: 'categorical', rows, psi: psi(keys.map((k) => profile.shares[k] ?? 0), keys.map((k) => (live.get(k) ?? 0) / rows)) };
  }
  // At the profile's precision, so a tie with a stored quantile or edge stays a tie (see numericProfile).
  const numbers = Float64Array.from({ length: rows }, (_, i) => roundLikeProfile(Number(values[i])));
  const test = ks(profile.quantiles, numbers, profile.count);
  return {
    name,
    kind: 'numeric',
    rows,
    psi: psi(profile.shares, binShares(profile.edges, numbers)),
    ks: test.statistic,
    pValue: Number(test.pValue.toPrecision(3)),
    wasserstein: wasserstein(profile.quantiles, numbers, profile.std),
  };
}
