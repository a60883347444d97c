import { dayNumber, isoDate } from '@cd4ml/calendar';
import { regressionMetrics, type MetricPolicy } from '@cd4ml/evaluation';
import { SeededRandom } from '@cd4ml/random';
import type { Actual } from '../log/actuals.ts';
import type { LoggedPrediction, RecordKeys } from '../log/prediction-log.ts';
import type { MonitorDomain, MonitoredModel } from '../monitor/monitor-domain.ts';
import { buildProfile } from '../profile/reference-profile.ts';
import type { MonitorSettings } from '../settings.ts';

// A toy domain for the platform's tests (bike rentals at 10 stations): nothing of any real domain.
// Features: temperature (numeric), station (a code), weekend (a flag); the model's prediction is a
// fixed function of them, and the truth is that prediction times log-normal noise.

export const toyKeys: RecordKeys = { keyFields: ['date', 'station'], dayField: 'date', outputField: 'rentals' };
const policy: MetricPolicy = { primary: 'wrmsle', base: 'rmsle', label: 'WRMSLE', description: 'RMSLE of rentals, weekend days weighing 2' };
export const toyDomain: MonitorDomain = {
  keys: toyKeys,
  policy,
  slices: [
    { name: 'station', key: (i) => String(Math.floor(Number(i['station']) / 100)) },
    { name: 'weekend', key: (i) => (i['weekend'] ? 'weekend' : 'weekday') },
  ],
  weight: (i) => (i['weekend'] ? 2 : 1),
  retrainHint: 'Retrain: npm run pipeline',
};
export const toySettings: MonitorSettings = {
  windowDays: 7,
  minRows: 300,
  drift: { maxPsi: 0.2, maxKs: 0.1, ksAlpha: 0.01, ignore: [] },
  accuracy: { maxErrorRatio: 1.3, maxAbsBias: 0.2, sliceMinRows: 100 },
};
const featureNames = ['temperature', 'station', 'weekend'] as const;
const STATIONS = 10;

/** What a change does to the world from its first day on. */
export interface ToyChange {
  /** Added to every temperature (a feature shift). */
  warmer?: number;
  /** Stations this many and up appear (codes the model never saw). */
  newStations?: number;
  /** Real rentals are multiplied by this (a demand shift the inputs do not show). */
  demand?: number;
}

interface ToyRow {
  date: string;
  station: number;
  weekend: boolean;
  temperature: number;
  predicted: number;
  actual: number;
}

function rows(rng: SeededRandom, days: number, start: string, change: ToyChange = {}): ToyRow[] {
  const out: ToyRow[] = [];
  for (let d = 0; d < days; d += 1) {
    const day = dayNumber(start) + d;
    const weekend = (day + 3) % 7 >= 5;
    for (let s = 1; s <= STATIONS; s += 1) {
      for (let k = 0; k < 6; k += 1) {
        const station = change.newStations && k === 0 ? STATIONS + s : s;
        const temperature = 18 + 6 * rng.normal() + (change.warmer ?? 0);
        const predicted = Math.max(0, (8 + 0.6 * temperature) * (weekend ? 1.4 : 1));
        const actual = Math.max(0, Math.round(predicted * Math.exp(0.25 * rng.normal()) * (change.demand ?? 1)));
        out.push({ date: isoDate(day), station: station * 100 + k, weekend, temperature, predicted, actual });
      }
    }
  }
  return out;
}

/** The served toy model: its profile from 20 weeks of training rows, its validation figures from 4 more. */
export function toyModel(seed = 1): MonitoredModel {
  const rng = new SeededRandom(seed);
  const train = rows(rng, 140, '2020-01-01');
  const matrix = Float64Array.from(train.flatMap((r) => [r.temperature, Math.floor(r.station / 100), r.weekend ? 1 : 0]));
  const profile = buildProfile({ featureNames, matrix, categorical: new Set(['station', 'weekend']), prediction: { name: 'rentals', values: train.map((r) => r.predicted) }, source: 'toy training rows' });
  const valid = rows(rng, 28, '2020-05-20');
  const validation = regressionMetrics(
    valid.map((r) => r.predicted),
    valid.map((r) => r.actual),
    policy,
    valid.map((r) => (r.weekend ? 2 : 1)),
  );
  return { name: 'toy-rentals', version: 'toy001', featureNames, validation, profile };
}

/**
 * Live traffic of the toy model: `days` days from 2020-07-01, 60 forecasts a day, logged and
 * with their actuals; from day `changeDay` (0-based) on, `change` applies.
 */
export function toyTraffic(seed: number, days: number, o: { change?: ToyChange; changeDay?: number; modelVersion?: string } = {}): { predictions: LoggedPrediction[]; actuals: Actual[] } {
  const rng = new SeededRandom(seed);
  const changeDay = o.changeDay ?? 0;
  const all = [...rows(rng, changeDay, '2020-07-01'), ...rows(rng, days - changeDay, isoDate(dayNumber('2020-07-01') + changeDay), o.change ?? {})];
  const predictions = all.map(
    (r, i): LoggedPrediction => ({
      time: new Date(Date.UTC(2020, 6, 1) + i * 1000).toISOString(),
      modelVersion: o.modelVersion ?? 'toy001',
      input: { date: r.date, station: r.station, weekend: r.weekend },
      features: [r.temperature, Math.floor(r.station / 100), r.weekend ? 1 : 0],
      value: r.predicted,
      day: r.date,
      key: `${r.date}/${r.station}`,
    }),
  );
  const actuals = all.map((r): Actual => ({ key: `${r.date}/${r.station}`, day: r.date, value: r.actual, record: { date: r.date, station: r.station, rentals: r.actual } }));
  return { predictions, actuals };
}
