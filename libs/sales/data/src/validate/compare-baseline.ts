import { dayNumber } from '@cd4ml/calendar';
import { psi } from '@cd4ml/drift';
import type { SalesProfile } from './train-census.ts';

/** Thresholds of the snapshot-to-snapshot checks. */
export interface BaselineRules {
  /** Largest relative change of train.csv rows against the previous snapshot. @default 0.2 */
  volumeTolerance: number;
  /** Population stability index above which a distribution has shifted. @default 0.2 (the usual "significant shift") */
  maxPsi: number;
  /** Largest age of the latest date, in days before `asOf`. @default 30 */
  maxAgeDays: number;
}

export const defaultBaselineRules: BaselineRules = { volumeTolerance: 0.2, maxPsi: 0.2, maxAgeDays: 30 };

export interface Verdict {
  ok: boolean;
  summary: string;
  details: string[];
}

/** Latest date no older than the previous snapshot's and, with `asOf`, within `maxAgeDays` of it. */
export function checkFreshness(now: SalesProfile, before: SalesProfile | undefined, rules: BaselineRules, asOf?: string): Verdict {
  const details: string[] = [];
  if (before && now.lastDate < before.lastDate) details.push(`latest date ${now.lastDate} is older than the previous snapshot's ${before.lastDate}: the data went back in time`);
  if (asOf && now.lastDate !== '' && dayNumber(asOf) - dayNumber(now.lastDate) > rules.maxAgeDays) {
    details.push(`latest date ${now.lastDate} is ${dayNumber(asOf) - dayNumber(now.lastDate)} days before ${asOf} (at most ${rules.maxAgeDays} allowed)`);
  }
  if (now.lastDate === '') details.push('no dated rows at all');
  return { ok: details.length === 0, summary: `latest date ${now.lastDate || '(none)'}${before ? `, previous ${before.lastDate}` : ''}`, details };
}

/** Row count within ±`volumeTolerance` of the previous snapshot's. */
export function checkVolume(now: SalesProfile, before: SalesProfile, rules: BaselineRules): Verdict {
  const change = before.rows === 0 ? (now.rows === 0 ? 0 : Infinity) : (now.rows - before.rows) / before.rows;
  const ok = Math.abs(change) <= rules.volumeTolerance;
  const pct = `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
  return {
    ok,
    summary: `${now.rows.toLocaleString('en')} rows, previous ${before.rows.toLocaleString('en')} (${pct})`,
    details: ok ? [] : [`row count changed by ${pct}, more than ±${rules.volumeTolerance * 100}%: a truncated or duplicated file? If the change is expected, record a new baseline.`],
  };
}

/** PSI of unit_sales and of the family mix, and the change of the promotion rate. */
export function checkDistribution(now: SalesProfile, before: SalesProfile, rules: BaselineRules): Verdict {
  const families = [...new Set([...Object.keys(now.familyShare), ...Object.keys(before.familyShare)])];
  const sales = psi(before.unitSalesBins, now.unitSalesBins);
  const mix = psi(families.map((f) => before.familyShare[f] ?? 0), families.map((f) => now.familyShare[f] ?? 0));
  const promo = Math.abs(now.promoRate - before.promoRate);
  const details = [
    ...(sales > rules.maxPsi ? [`log1p(unit_sales) PSI ${sales} > ${rules.maxPsi}`] : []),
    ...(mix > rules.maxPsi ? [`family mix PSI ${mix} > ${rules.maxPsi}`] : []),
    ...(promo > 0.1 ? [`promotion rate moved by ${promo.toFixed(3)} (more than 0.1)`] : []),
  ];
  return { ok: details.length === 0, summary: `PSI unit_sales ${sales}, family mix ${mix}; promotion rate ${now.promoRate} vs ${before.promoRate}`, details };
}
