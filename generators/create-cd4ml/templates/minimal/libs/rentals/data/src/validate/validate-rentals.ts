import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { CliError } from '@cd4ml/cli';
import { buildManifest, readManifest, verifyManifest, writeManifest } from '@cd4ml/data';
import { replaceDirAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { RAW_FILE } from '../generate/generate-rentals.ts';
import { readRentalTable } from '../read-rental-table.ts';
import { rentalColumns, rentalContract, type RentalRow } from '../rental-table.ts';
import { REPORT_FILE, TRAIN_FILE, VALID_FILE } from './processed-rentals.ts';

/**
 * The validate stage: every row of the raw snapshot passes the data tests (or a
 * DataValidationError names each bad line, column and rule), the files match their manifest, then
 * the rows are split by time (the last `validDays` days are the validation window: forecasting is
 * temporal, so no random split) into train.csv and valid.csv, with a manifest that records the raw
 * data version, and a JSON report.
 */
export async function validateRentals(o: { rawDir: string; outDir: string; validDays: number; from?: string; to?: string }): Promise<Record<string, unknown>> {
  const raw = await readManifest(join(o.rawDir, 'manifest.json'), 'Run the generate stage first: npx nx run rentals-data:generate');
  const all = await readRentalTable(join(o.rawDir, RAW_FILE));
  await verifyManifest(o.rawDir, raw);
  // A window of the data (a model that learns the world as it is now); every row is tested all the same.
  const rows = all.filter((r) => (!o.from || r.date >= o.from) && (!o.to || r.date <= o.to));
  if (rows.length === 0) throw new CliError('SPLIT_INVALID', `no row of ${join(o.rawDir, RAW_FILE)} is between ${o.from ?? 'the start'} and ${o.to ?? 'the end'} (it holds ${all[0]?.date ?? 'nothing'}..${all.at(-1)?.date ?? ''})`);
  const last = rows.reduce((max, r) => (r.date > max ? r.date : max), '');
  const validFrom = isoDate(dayNumber(last) - o.validDays + 1);
  const train = rows.filter((r) => r.date < validFrom);
  const valid = rows.filter((r) => r.date >= validFrom);
  const known = new Set(train.map((r) => r.station));
  const unseen = [...new Set(valid.map((r) => r.station))].filter((s) => !known.has(s));
  if (train.length === 0 || unseen.length > 0) {
    throw new CliError('SPLIT_INVALID', `the split at ${validFrom} leaves ${train.length} training rows${unseen.length > 0 ? ` and stations only in validation: ${unseen.join(', ')}` : ''}; lower --valid-days or add data`);
  }
  const range = (c: 'temperature' | 'precipitation' | 'rentals') => rows.reduce((m, r) => ({ min: Math.min(m.min, r[c]), max: Math.max(m.max, r[c]) }), { min: Infinity, max: -Infinity });
  const report: Record<string, unknown> = {
    passed: true,
    contract: { name: rentalContract.name, version: rentalContract.version },
    checks: ['schema', 'nulls', 'types', 'ranges', 'keys', 'manifest'],
    rawDataVersion: raw.dataVersion,
    rows: rows.length,
    ...(o.from || o.to ? { window: { from: o.from ?? null, to: o.to ?? null, rawRows: all.length } } : {}),
    stations: [...known].sort(),
    ranges: { temperature: range('temperature'), precipitation: range('precipitation'), rentals: range('rentals') },
    split: { validFrom, last, trainRows: train.length, validRows: valid.length },
  };
  await replaceDirAtomic(o.outDir, async (dir) => {
    await writeFile(join(dir, TRAIN_FILE), csv(train));
    await writeFile(join(dir, VALID_FILE), csv(valid));
    const manifest = await buildManifest(dir, [TRAIN_FILE, VALID_FILE], { rawDataVersion: raw.dataVersion, validFrom, ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });
    report['processedDataVersion'] = manifest.dataVersion;
    await writeJsonAtomic(join(dir, REPORT_FILE), report);
    await writeManifest(join(dir, 'manifest.json'), manifest);
  });
  return report;
}

const csv = (rows: readonly RentalRow[]) => `${[rentalColumns.join(','), ...rows.map((r) => rentalColumns.map((c) => r[c]).join(','))].join('\n')}\n`;
