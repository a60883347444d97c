import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createProgress } from '@cd4ml/cli';
import { buildManifest, CsvWriter, csvLines, readManifest, verifyManifest } from '@cd4ml/data';
import { replaceDirAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { rawFiles, salesTableVersion, type BacktestFold, type ReferenceTables } from '@cd4ml/sales-schema';
import { EARLIEST_DATE, latestPlausibleDay, MAX_ABS_UNIT_SALES } from '../train-rows/plausible-range.ts';
import { backtestFolds, type BacktestOptions } from './backtest-folds.ts';
import { DataValidationError } from '../data-validation-error.ts';
import { parseHolidays, parseItems, parseStores } from './parse-reference.ts';
import { assertReadable, readRawTable } from './read-raw.ts';
import { reconcile } from './reconcile.ts';
import { SalesScanner, type SalesFilter } from './sales-scanner.ts';
import { splitByTime, type TimeSplit } from './split-by-time.ts';
import { writeSalesTables } from './write-sales-tables.ts';

export interface IngestOptions {
  /** Days at the end of the data held out for validation. @default 56 (the last 8 weeks) */
  validationDays: number;
  /** Keep only these stores, items and dates (e.g. one store, one year of the real file). @default {} (all) */
  filter: SalesFilter;
  /** Rolling backtest folds, written to folds.json; fewer when they do not fit. @default { folds: 3, horizonDays: 56, stepDays: 28 } */
  backtest: BacktestOptions;
  /** The latest plausible date of a row (YYYY-MM-DD); a later row is quarantined. @default tomorrow */
  asOf?: string;
}

export const defaultIngestOptions: IngestOptions = { validationDays: 56, filter: {}, backtest: { folds: 3, horizonDays: 56, stepDays: 28 } };

export const INGEST_FILES = {
  train: 'train.csv',
  valid: 'valid.csv',
  quarantine: 'quarantine.csv',
  /** The validated catalogue, stores and holiday calendar: what serving needs to build features. */
  reference: 'reference.json',
  report: 'ingest-report.json',
  /** Rolling backtest folds (date windows); an empty list when none fit. */
  folds: 'folds.json',
} as const;

/** Where a failed ingest keeps its quarantine.csv: beside the output, which stays as it was. */
export const rejectedDir = (outDir: string) => `${outDir}.rejected`;

export interface IngestReport {
  stage: 'ingest';
  salesTableVersion: number;
  rawDataVersion: string;
  options: IngestOptions;
  /**
   * in = train + valid + quarantined + excludedByFilter + excludedByPolicy.returns: nothing is
   * dropped silently. `lines` counts physical lines; a line holding glued rows counts each in `in`.
   */
  rows: { lines: number; in: number; quarantined: number; excludedByFilter: number; excludedByPolicy: { returns: number }; train: number; valid: number };
  split: TimeSplit;
  folds: BacktestFold[];
  /** Plain sentences about what the data did not allow: fewer folds, dates out of order. */
  notes: string[];
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

/**
 * raw snapshot -> validated, filtered, cleaned, denormalized sales table -> time split.
 * train.csv is streamed line by line, so the real 5 GB file never sits in memory; only the rows that
 * pass validation and the filter are kept (in typed arrays). Writes train.csv, valid.csv (the sales
 * table contract), quarantine.csv, reference.json, folds.json, a report and a manifest, replacing
 * `outDir` atomically. When the data leaves nothing to write, `outDir` stays as it was and the
 * quarantine goes to {@link rejectedDir}.
 */
export async function ingest(rawDir: string, outDir: string, options: Partial<IngestOptions> = {}, hooks: IngestHooks = {}): Promise<IngestReport> {
  const o: IngestOptions = { ...defaultIngestOptions, ...options };
  const phase = phaseTimer(hooks);
  const rejected = rejectedDir(outDir);
  // An older failure's quarantine must never sit beside this run's outcome.
  await rm(rejected, { recursive: true, force: true });
  const rawManifest = await readManifest(join(rawDir, 'manifest.json'), `Record one for a folder of files you brought: npx tsx libs/cd4ml/data/src/cli.ts record ${rawDir}`);
  const needed = ['items.csv', 'stores.csv', 'holidays_events.csv', 'transactions.csv', 'train.csv'];
  await assertReadable(rawDir, [...new Set([...needed, ...Object.keys(rawManifest.files)])]);
  await verifyManifest(rawDir, rawManifest);
  const trainLines = rawManifest.files['train.csv']?.rows;
  if (trainLines === undefined) throw new DataValidationError('train.csv', `is not in ${join(rawDir, 'manifest.json')}. Record the folder again: npx tsx libs/cd4ml/data/src/cli.ts record ${rawDir}`);

  const items = parseItems(await readRawTable(rawDir, 'items.csv'));
  const stores = parseStores(await readRawTable(rawDir, 'stores.csv'));
  const holidays = parseHolidays(await readRawTable(rawDir, 'holidays_events.csv'));
  const transactions = await readRawTable(rawDir, 'transactions.csv');
  const latestDay = latestPlausibleDay(o.asOf);

  return replaceDirAtomic(outDir, async (tmp) => {
    phase('verify and read reference files');
    const scanner = new SalesScanner(items, stores, o.filter, latestDay);
    const quarantinePath = join(tmp, INGEST_FILES.quarantine);
    const quarantine = new CsvWriter(quarantinePath, ['source_file', 'line', 'reason', 'raw']);
    const scanProgress = createProgress('ingest: read train.csv', trainLines);
    let sawHeader = false;
    for await (const { line, lineNumber } of csvLines(join(rawDir, 'train.csv'))) {
      if (lineNumber === 1) {
        scanner.header(line);
        sawHeader = true;
        continue;
      }
      const bad = scanner.line(line, lineNumber);
      if (bad) await quarantine.write([bad.source_file, bad.line, bad.reason, bad.raw]);
      if ((lineNumber & 0xffff) === 0) scanProgress.update(lineNumber - 1);
    }
    scanProgress.update(scanner.counts.lines);
    scanProgress.stop();
    await quarantine.close();
    if (!sawHeader) throw new DataValidationError('train.csv', `is empty; expected the header ${rawFiles['train.csv'].join(',')} and rows.`);
    phase('stream, validate and filter train.csv');
    const c = scanner.counts;

    /** A data problem found after the scan: the quarantine is kept where the message points. */
    const rejectWith = async (error: DataValidationError): Promise<never> => {
      await replaceDirAtomic(rejected, (dir) => rename(quarantinePath, join(dir, INGEST_FILES.quarantine)));
      throw new DataValidationError(
        error.file,
        `${error.detail} The output in ${outDir} is unchanged; see ${join(rejected, INGEST_FILES.quarantine)} for the ${c.quarantined} quarantined rows and their reasons.`,
      );
    };
    if (scanner.rows.length === 0) {
      return rejectWith(
        new DataValidationError('train.csv', `no rows left to train on: ${c.in} in, ${c.quarantined} quarantined, ${c.excludedByFilter} outside the filter, ${c.returns} returns. Check the filter (stores, items, dates) and the quarantined rows.`),
      );
    }
    // Loops, not Math.min(...days): a spread of more than about 125k values throws a RangeError.
    let firstDay = Infinity;
    let lastDay = -Infinity;
    for (let i = 0; i < scanner.rows.length; i += 1) {
      const day = scanner.rows.day[i]!;
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
    }
    let split: TimeSplit;
    try {
      split = splitByTime(firstDay, lastDay, o.validationDays);
    } catch (error) {
      if (error instanceof DataValidationError) return rejectWith(error);
      throw error;
    }
    const written = await writeSalesTables(
      scanner.rows,
      { items, stores, transactions, holidays },
      lastDay - o.validationDays + 1,
      { train: join(tmp, INGEST_FILES.train), valid: join(tmp, INGEST_FILES.valid) },
      createProgress('ingest: denormalize and split', scanner.rows.length),
    );
    phase('denormalize and split');
    reconcile(c, written, trainLines);
    const plan = backtestFolds(written.rowsPerDay, o.backtest);
    const reopened = scanner.checker.reopenedDates;
    const notes = [
      ...(plan.note ? [`backtest: ${plan.note}`] : []),
      ...(reopened > 0 ? [`train.csv is not grouped by date: dates came back after other dates ${reopened} time(s), so duplicate (date, store, item) keys were compared within each run of a date only.`] : []),
    ];
    const report: IngestReport = {
      stage: 'ingest',
      salesTableVersion,
      rawDataVersion: rawManifest.dataVersion,
      options: o,
      rows: { lines: c.lines, in: c.in, quarantined: c.quarantined, excludedByFilter: c.excludedByFilter, excludedByPolicy: { returns: c.returns }, train: written.train, valid: written.valid },
      split,
      folds: plan.folds,
      notes,
      policies: policies(o),
    };
    await writeJsonAtomic(join(tmp, INGEST_FILES.report), report);
    await writeJsonAtomic(join(tmp, INGEST_FILES.reference), { items, stores, holidays } satisfies ReferenceTables);
    await writeJsonAtomic(join(tmp, INGEST_FILES.folds), plan.folds);
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

function policies(o: IngestOptions): Record<string, string> {
  return {
    invalidRows: 'a row breaking a rule (field count, nulls, types, ranges, duplicate id or (date, store, item) key, references) goes to quarantine.csv with its line and the first rule it breaks',
    // Not the computed day: the report stays the same bytes whatever the day of the run.
    ranges: `|unit_sales| at most ${MAX_ABS_UNIT_SALES}; dates from ${EARLIEST_DATE} to ${o.asOf ?? 'the day after the run (no --as-of given)'}`,
    gluedRows: 'a line holding several rows glued by a missing line break counts each of them, and goes to quarantine.csv',
    returns: 'rows with negative unit_sales are customer returns; excluded from the demand table and counted',
    blankPromotion: 'a blank onpromotion (early years of the real file) is read as false',
    filter: 'rows outside the stores, items and dates asked for are counted as excludedByFilter',
    reconciliation: 'lines read = data lines in the raw manifest, and rows in = train + valid + quarantined + excludedByFilter + returns',
    split: `validation is the last ${o.validationDays} days; never a random split`,
  };
}
