import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, CsvWriter, csvLines, readManifest, verifyManifest } from '@cd4ml/data';
import { createProgress } from '@cd4ml/cli';
import { replaceDirAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { rawFiles, salesTableVersion, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import { backtestFolds, type BacktestFold, type BacktestOptions } from './backtest-folds.ts';
import { DataValidationError } from './data-validation-error.ts';
import { parseHolidays, parseItems, parseStores } from './parse-reference.ts';
import { readRawTable } from './read-raw.ts';
import { SalesScanner, type SalesFilter } from './sales-scanner.ts';
import { splitByTime, type TimeSplit } from './split-by-time.ts';
import { writeSalesTables } from './write-sales-tables.ts';

export interface IngestOptions {
  /** Days at the end of the data held out for validation. @default 56 (the last 8 weeks) */
  validationDays: number;
  /** Keep only these stores, items and dates (e.g. one store, one year of the real file). @default {} (all) */
  filter: SalesFilter;
  /** Optional rolling backtest folds, written to folds.json. @default { folds: 0, horizonDays: 56, stepDays: 28 } */
  backtest: BacktestOptions;
}

export const defaultIngestOptions: IngestOptions = { validationDays: 56, filter: {}, backtest: { folds: 0, horizonDays: 56, stepDays: 28 } };

export const INGEST_FILES = {
  train: 'train.csv',
  valid: 'valid.csv',
  quarantine: 'quarantine.csv',
  /** The validated catalogue, stores and holiday calendar: what serving needs to build features. */
  reference: 'reference.json',
  report: 'ingest-report.json',
  /** Rolling backtest folds (date windows), when asked for. */
  folds: 'folds.json',
} as const;

/** Content of reference.json. */
export interface ReferenceData {
  items: Item[];
  stores: Store[];
  holidays: HolidayEvent[];
}

export interface IngestReport {
  stage: 'ingest';
  salesTableVersion: number;
  rawDataVersion: string;
  options: IngestOptions;
  /** in = train + valid + quarantined + excludedByFilter + excludedByPolicy.returns: nothing is dropped silently. */
  rows: { in: number; quarantined: number; excludedByFilter: number; excludedByPolicy: { returns: number }; train: number; valid: number };
  split: TimeSplit;
  folds: BacktestFold[];
  policies: Record<string, string>;
}

/** Optional observers, for benchmarks: not part of the options, so they never reach the report. */
export interface IngestHooks {
  /** Called as each phase ends, with its wall-clock milliseconds. */
  onPhase?: (phase: string, ms: number) => void;
}

function phaseTimer(hooks: IngestHooks): (name: string) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    hooks.onPhase?.(name, now - last);
    last = now;
  };
}

/** Thrown when the counts of a stage do not add up: a bug, never a data problem. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
  readonly code = 'ROWS_UNRECONCILED';
}

/**
 * raw snapshot -> validated, filtered, cleaned, denormalized sales table -> time split.
 * train.csv is streamed line by line, so the real 5 GB file never sits in memory; only the rows that
 * pass validation and the filter are kept (in typed arrays). Writes train.csv, valid.csv (the sales
 * table contract), quarantine.csv, reference.json, a report and a manifest, replacing `outDir` atomically.
 */
export async function ingest(
  rawDir: string,
  outDir: string,
  options: Partial<IngestOptions> = {},
  hooks: IngestHooks = {},
): Promise<IngestReport> {
  const o: IngestOptions = { ...defaultIngestOptions, ...options };
  const phase = phaseTimer(hooks);
  const rawManifest = await readManifest(join(rawDir, 'manifest.json'));
  await verifyManifest(rawDir, rawManifest);

  const items = parseItems(await readRawTable(rawDir, 'items.csv'));
  const stores = parseStores(await readRawTable(rawDir, 'stores.csv'));
  const holidays = parseHolidays(await readRawTable(rawDir, 'holidays_events.csv'));
  const transactions = await readRawTable(rawDir, 'transactions.csv');
  const trainPath = join(rawDir, 'train.csv');
  await access(trainPath).catch(() => {
    throw new DataValidationError('train.csv', `missing from ${rawDir}. Generate a snapshot or copy the Kaggle file there.`);
  });

  return replaceDirAtomic(outDir, async (tmp) => {
    phase('verify and read reference files');
    const scanner = new SalesScanner(items, stores, o.filter);
    const quarantine = new CsvWriter(join(tmp, INGEST_FILES.quarantine), ['source_file', 'line', 'reason', 'raw']);
    const scanProgress = createProgress('ingest: read train.csv', rawManifest.files['train.csv']?.rows ?? 0);
    let sawHeader = false;
    for await (const { line, lineNumber } of csvLines(trainPath)) {
      if (lineNumber === 1) {
        scanner.header(line);
        sawHeader = true;
        continue;
      }
      const bad = scanner.line(line, lineNumber);
      if (bad) await quarantine.write([bad.source_file, bad.line, bad.reason, bad.raw]);
      if ((lineNumber & 0xffff) === 0) scanProgress.update(lineNumber - 1);
    }
    scanProgress.update(scanner.counts.in);
    scanProgress.stop();
    await quarantine.close();
    if (!sawHeader) throw new DataValidationError('train.csv', `is empty; expected the header ${rawFiles['train.csv'].join(',')} and rows.`);
    phase('stream, validate and filter train.csv');
    const c = scanner.counts;
    if (scanner.rows.length === 0) {
      throw new DataValidationError(
        'train.csv',
        `no rows left to train on: ${c.in} in, ${c.quarantined} quarantined, ${c.excludedByFilter} outside the filter, ${c.returns} returns. Check the filter (stores, items, dates) and quarantine.csv.`,
      );
    }
    let lastDay = -Infinity;
    let firstDay = Infinity;
    for (let i = 0; i < scanner.rows.length; i += 1) {
      lastDay = Math.max(lastDay, scanner.rows.day[i]!);
      firstDay = Math.min(firstDay, scanner.rows.day[i]!);
    }
    const split = splitByTime(firstDay, lastDay, o.validationDays);
    const validStart = lastDay - o.validationDays + 1;
    const written = await writeSalesTables(
      scanner.rows,
      { items, stores, transactions, holidays },
      validStart,
      { train: join(tmp, INGEST_FILES.train), valid: join(tmp, INGEST_FILES.valid) },
      createProgress('ingest: denormalize and split', scanner.rows.length),
    );
    phase('denormalize and split');
    const folds = backtestFolds(written.rowsPerDay, o.backtest);
    const report: IngestReport = {
      stage: 'ingest',
      salesTableVersion,
      rawDataVersion: rawManifest.dataVersion,
      options: o,
      rows: { in: c.in, quarantined: c.quarantined, excludedByFilter: c.excludedByFilter, excludedByPolicy: { returns: c.returns }, train: written.train, valid: written.valid },
      split,
      folds,
      policies: {
        returns: 'rows with negative unit_sales are customer returns; excluded from the demand table and counted',
        blankPromotion: 'a blank onpromotion (early years of the real file) is read as false',
        invalidRows: 'rows failing a type, range or reference check go to quarantine.csv with reason and line',
        filter: 'rows outside the stores, items and dates asked for are counted as excludedByFilter',
        split: `validation is the last ${o.validationDays} days; never a random split`,
      },
    };
    const accounted = written.train + written.valid + c.quarantined + c.excludedByFilter + c.returns;
    if (accounted !== c.in || c.accepted !== written.train + written.valid) {
      throw new ReconciliationError(`ingest: ${c.in} rows in but ${accounted} accounted for`);
    }
    await writeJsonAtomic(join(tmp, INGEST_FILES.report), report);
    await writeJsonAtomic(join(tmp, INGEST_FILES.reference), { items, stores, holidays } satisfies ReferenceData);
    if (folds.length > 0) await writeJsonAtomic(join(tmp, INGEST_FILES.folds), folds);
    const manifest = await buildManifest(tmp, [INGEST_FILES.train, INGEST_FILES.valid, INGEST_FILES.quarantine], {
      stage: 'ingest',
      rawDataVersion: rawManifest.dataVersion,
      salesTableVersion,
    });
    await writeJsonAtomic(join(tmp, 'manifest.json'), manifest);
    phase('write report and manifest');
    return report;
  });
}

