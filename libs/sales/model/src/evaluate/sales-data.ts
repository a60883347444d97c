import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, type Manifest } from '@cd4ml/data';
import type { HolidayEvent, Item, SalesRow, Store } from '@cd4ml/sales-schema';
import { readSalesTable } from '../train/sales-table.ts';

/** The processed data a model is trained and judged on. */
export interface SalesData {
  manifest: Manifest;
  /** The raw snapshot's version when known (what model cards record), else the processed one. */
  dataVersion: string;
  train: SalesRow[];
  valid: SalesRow[];
  reference: { items: Item[]; stores: Store[]; holidays: HolidayEvent[] };
}

/** Reads train.csv, valid.csv, reference.json and manifest.json written by ingest. */
export async function readSalesData(dataDir: string): Promise<SalesData> {
  const manifest = await readManifest(join(dataDir, 'manifest.json'));
  const train = await readSalesTable(join(dataDir, 'train.csv'));
  const valid = await readSalesTable(join(dataDir, 'valid.csv'));
  const reference = JSON.parse(await readFile(join(dataDir, 'reference.json'), 'utf8')) as SalesData['reference'];
  return { manifest, dataVersion: String(manifest.source['rawDataVersion'] ?? manifest.dataVersion), train, valid, reference };
}
