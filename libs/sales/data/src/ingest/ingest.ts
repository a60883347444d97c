import { join } from 'node:path';
import { buildManifest, CsvWriter, readManifest, replaceDirAtomic, verifyManifest, writeJsonAtomic, type Manifest } from '@cd4ml/data';
import { salesTableColumns, salesTableVersion, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import type { ColumnTable } from 'arquero';
import { denormalize } from './denormalize.ts';
import { parseHolidays, parseItems, parseStores } from './parse-reference.ts';
import { readRawTable } from './read-raw.ts';
import { splitByTime } from './split-by-time.ts';
import { validateSales } from './validate-sales.ts';

export interface IngestOptions {
  /** Days at the end of the data held out for validation. @default 56 (the last 8 weeks) */
  validationDays: number;
}

export const defaultIngestOptions: IngestOptions = { validationDays: 56 };

export const INGEST_FILES = {
  train: 'train.csv',
  valid: 'valid.csv',
  quarantine: 'quarantine.csv',
  /** The validated catalogue, stores and holiday calendar: what serving needs to build features. */
  reference: 'reference.json',
  report: 'ingest-report.json',
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
  /** rowsIn = train + valid + quarantined + excludedByPolicy.returns: nothing is dropped silently. */
  rows: { in: number; quarantined: number; excludedByPolicy: { returns: number }; train: number; valid: number };
  split: { trainStart: string; trainEnd: string; validStart: string; validEnd: string };
  policies: Record<string, string>;
}

/** Thrown when the counts of a stage do not add up: a bug, never a data problem. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
  readonly code = 'ROWS_UNRECONCILED';
}

/**
 * raw snapshot -> validated, cleaned, denormalized sales table -> time split.
 * Writes train.csv, valid.csv (the sales table contract), quarantine.csv, a report and a manifest,
 * replacing `outDir` atomically.
 */
export async function ingest(rawDir: string, outDir: string, options: Partial<IngestOptions> = {}): Promise<IngestReport> {
  const o = { ...defaultIngestOptions, ...options };
  const rawManifest = await readManifest(join(rawDir, 'manifest.json'));
  await verifyManifest(rawDir, rawManifest);

  const items = parseItems(await readRawTable(rawDir, 'items.csv'));
  const stores = parseStores(await readRawTable(rawDir, 'stores.csv'));
  const holidays = parseHolidays(await readRawTable(rawDir, 'holidays_events.csv'));
  const transactions = await readRawTable(rawDir, 'transactions.csv');
  const rawSales = await readRawTable(rawDir, 'train.csv');

  const { table: sales, quarantine } = validateSales(rawSales, items, stores);
  // Returns policy: a negative unit_sales is a customer return, not negative demand. Those rows are
  // excluded from the demand table (and counted); forecasting returns is a separate problem.
  const demand = sales.filter((d: { unit_sales: number }) => d.unit_sales >= 0).reify();
  const returns = sales.numRows() - demand.numRows();
  const table = denormalize(demand, items, stores, transactions, holidays).select(salesTableColumns).orderby('date', 'store_nbr', 'item_nbr');
  const split = splitByTime(table, o.validationDays);

  const report: IngestReport = {
    stage: 'ingest',
    salesTableVersion,
    rawDataVersion: rawManifest.dataVersion,
    options: o,
    rows: { in: rawSales.numRows(), quarantined: quarantine.length, excludedByPolicy: { returns }, train: split.train.numRows(), valid: split.valid.numRows() },
    split: { trainStart: String(split.train.get('date', 0) ?? split.validStart), trainEnd: split.trainEnd, validStart: split.validStart, validEnd: split.validEnd },
    policies: {
      returns: 'rows with negative unit_sales are customer returns; excluded from the demand table and counted',
      blankPromotion: 'a blank onpromotion (early years of the real file) is read as false',
      invalidRows: 'rows failing a type, range or reference check go to quarantine.csv with reason and line',
    },
  };
  const accounted = report.rows.train + report.rows.valid + report.rows.quarantined + returns;
  if (accounted !== report.rows.in) {
    throw new ReconciliationError(`ingest: ${report.rows.in} rows in but ${accounted} accounted for`);
  }

  await replaceDirAtomic(outDir, async (tmp) => {
    await writeTable(join(tmp, INGEST_FILES.train), split.train);
    await writeTable(join(tmp, INGEST_FILES.valid), split.valid);
    const q = new CsvWriter(join(tmp, INGEST_FILES.quarantine), ['source_file', 'line', 'reason', 'raw']);
    for (const row of quarantine) await q.write([row.source_file, row.line, row.reason, row.raw]);
    await q.close();
    await writeJsonAtomic(join(tmp, INGEST_FILES.report), report);
    await writeJsonAtomic(join(tmp, INGEST_FILES.reference), { items, stores, holidays } satisfies ReferenceData);
    const manifest: Manifest = await buildManifest(tmp, [INGEST_FILES.train, INGEST_FILES.valid, INGEST_FILES.quarantine], {
      stage: 'ingest',
      rawDataVersion: rawManifest.dataVersion,
      salesTableVersion,
    });
    await writeJsonAtomic(join(tmp, 'manifest.json'), manifest);
  });
  return report;
}

async function writeTable(path: string, table: ColumnTable): Promise<void> {
  const out = new CsvWriter(path, salesTableColumns);
  const columns = salesTableColumns.map((c) => table.array(c) as ArrayLike<unknown>);
  for (let r = 0; r < table.numRows(); r += 1) {
    await out.write(columns.map((col) => col[r] as string | number | boolean | null));
  }
  await out.close();
}
