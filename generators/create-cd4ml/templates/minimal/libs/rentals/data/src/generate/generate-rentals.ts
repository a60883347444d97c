import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dayNumber, dayOfWeek, isoDate } from '@cd4ml/calendar';
import { buildManifest, writeManifest, type Manifest } from '@cd4ml/data';
import { replaceDirAtomic } from '@cd4ml/fs';
import { SeededRandom } from '@cd4ml/random';
import { isHoliday, season } from '../rental-calendar.ts';
import { rentalColumns, type RentalRow } from '../rental-table.ts';

export const RAW_FILE = 'rentals.csv';

/** A busy hub, two commuter stations (quiet on days off) and two leisure ones (busy on days off). */
const STATIONS = [
  { id: 'central', base: 140, dayOff: 0.9 },
  { id: 'campus', base: 90, dayOff: 0.45 },
  { id: 'business-park', base: 70, dayOff: 0.3 },
  { id: 'harbour', base: 60, dayOff: 1.6 },
  { id: 'riverside', base: 45, dayOff: 1.9 },
] as const;
const SEASON = { winter: 0.85, spring: 1, summer: 1.15, autumn: 0.95 } as const;

export interface GenerateOptions {
  outDir: string;
  seed: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  days: number;
  /** Outcomes observed in production (a feedback snapshot), folded in; and that snapshot's data version. */
  feedback?: { rows: readonly RentalRow[]; dataVersion: string };
}

/**
 * Writes `rentals.csv` (one row per station and day) and its manifest into `outDir`, replacing it.
 * Rentals follow the weather (warm and dry days ride more, rain and strong wind less; the wind is
 * not recorded), the calendar (weekends and holidays move commuters and leisure riders apart;
 * seasons) and Poisson noise with day-to-day overdispersion. The same options give the same bytes.
 *
 * With `feedback`, the outcomes observed in production join the synthetic rows in date order: an
 * observation replaces the synthetic row of its day and station, the other synthetic rows do not
 * change, and days outside the synthetic range come before or after it.
 */
export async function generateRentals(o: GenerateOptions): Promise<Manifest> {
  const rng = new SeededRandom(o.seed);
  const lines = [rentalColumns.join(',')];
  const first = dayNumber(o.start);
  const observed = new Map<string, RentalRow[]>();
  for (const r of o.feedback?.rows ?? []) observed.set(r.date, [...(observed.get(r.date) ?? []), r]);
  const line = (r: RentalRow) => rentalColumns.map((c) => r[c]).join(',');
  const outside = (keep: (date: string) => boolean) => [...observed.keys()].filter(keep).sort().flatMap((d) => observed.get(d)!.map(line));
  lines.push(...outside((d) => d < o.start));
  for (let day = first; day < first + o.days; day++) {
    const date = isoDate(day);
    const dayOfYear = day - dayNumber(`${date.slice(0, 4)}-01-01`);
    // One weather for the whole city: a seasonal temperature curve, rain on about a third of the days.
    const temperature = 11 + 10 * Math.sin((2 * Math.PI * (dayOfYear - 105)) / 365) + 3 * rng.normal();
    const precipitation = rng.next() < 0.32 ? -4 * Math.log(1 - rng.next()) : 0;
    const wind = Math.abs(12 + 6 * rng.normal());
    const weather = Math.exp(0.045 * (temperature - 15) - 0.09 * precipitation - 0.015 * Math.max(0, wind - 15));
    const dayOff = isHoliday(date) || dayOfWeek(day) >= 5;
    const seen = observed.get(date) ?? [];
    for (const s of STATIONS) {
      // Drawn even when an observation replaces the row: the rows that stay are the same bytes.
      const mean = s.base * (dayOff ? s.dayOff : 1) * SEASON[season(date)] * weather * Math.exp(0.1 * rng.normal());
      const rentals = rng.poisson(mean);
      const fact = seen.find((r) => r.station === s.id);
      lines.push(fact ? line(fact) : [date, s.id, temperature.toFixed(1), precipitation.toFixed(1), rentals].join(','));
    }
    lines.push(...seen.filter((r) => !STATIONS.some((s) => s.id === r.station)).map(line));
  }
  lines.push(...outside((d) => d > isoDate(first + o.days - 1)));
  let manifest: Manifest | undefined;
  await replaceDirAtomic(o.outDir, async (dir) => {
    await writeFile(join(dir, RAW_FILE), `${lines.join('\n')}\n`);
    const fed = o.feedback && o.feedback.rows.length > 0 ? { feedback: { dataVersion: o.feedback.dataVersion, rows: o.feedback.rows.length } } : {};
    manifest = await buildManifest(dir, [RAW_FILE], { generator: 'synthetic daily bike rentals', seed: o.seed, start: o.start, days: o.days, ...fed });
    await writeManifest(join(dir, 'manifest.json'), manifest);
  });
  return manifest!;
}
