import { dayNumber, isoDate } from '@cd4ml/calendar';
import type { MetricPolicy, SliceDefinition } from '@cd4ml/evaluation';
import { dayType, season, type RentalRow } from '@minimal/rentals-data';

/** The domain's primary metric: relative errors count alike at busy and quiet stations. */
export const rentalsMetricPolicy: MetricPolicy = { primary: 'rmsle', base: 'rmsle', label: 'RMSLE', description: 'RMSLE of daily rentals per station' };

/** The baseline the `beats-baseline` gate names. */
export const REFERENCE_BASELINE = 'lastWeek';

/**
 * Baseline forecasts of the validation rows. `lastWeek`: the same station on the same weekday of
 * the last training week (later actuals are unknown at forecast time). `stationMean`: the station's
 * mean over the training window, in log space to match the metric.
 */
export function baselineForecasts(train: readonly RentalRow[], valid: readonly RentalRow[]): Record<string, Float64Array> {
  const logs = new Map<string, { sum: number; n: number }>();
  const rentals = new Map<string, number>();
  let lastDay = -Infinity;
  for (const r of train) {
    const s = logs.get(r.station) ?? { sum: 0, n: 0 };
    logs.set(r.station, { sum: s.sum + Math.log1p(r.rentals), n: s.n + 1 });
    rentals.set(`${r.station} ${r.date}`, r.rentals);
    lastDay = Math.max(lastDay, dayNumber(r.date));
  }
  const stationMean = Float64Array.from(valid, (r) => {
    const s = logs.get(r.station);
    return s ? Math.expm1(s.sum / s.n) : 0;
  });
  const lastWeek = Float64Array.from(valid, (r, i) => {
    const day = dayNumber(r.date);
    return rentals.get(`${r.station} ${isoDate(day - 7 * Math.ceil((day - lastDay) / 7))}`) ?? stationMean[i]!;
  });
  return { lastWeek, stationMean };
}

/** The slices the evaluation reports and the fairness gates hold: station, season and day type. */
export const rentalSlices = (rows: readonly RentalRow[]): SliceDefinition[] => [
  { name: 'station', key: (i) => rows[i]!.station },
  { name: 'season', key: (i) => season(rows[i]!.date) },
  { name: 'day_type', key: (i) => dayType(rows[i]!.date) },
];
