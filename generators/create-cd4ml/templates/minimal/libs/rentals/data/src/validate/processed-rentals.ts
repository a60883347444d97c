import { join } from 'node:path';
import { ManifestError, readManifest } from '@cd4ml/data';
import { z } from 'zod';
import { readRentalTable } from '../read-rental-table.ts';
import type { RentalRow } from '../rental-table.ts';

export const TRAIN_FILE = 'train.csv';
export const VALID_FILE = 'valid.csv';
export const REPORT_FILE = 'validation.json';

/** The validate stage's output, as training and the gates read it. */
export interface ProcessedRentals {
  train: RentalRow[];
  valid: RentalRow[];
  /** The raw snapshot it came from: that manifest's data version. */
  rawDataVersion: string;
  /** These train and valid tables: their manifest's data version. */
  processedDataVersion: string;
}

/** Reads train.csv and valid.csv (every row checked again: a file may change between stages) with their manifest. */
export async function readProcessedRentals(dir: string): Promise<ProcessedRentals> {
  const path = join(dir, 'manifest.json');
  const manifest = await readManifest(path, 'Run the validate stage first: npx nx run rentals-data:validate');
  const raw = z.string().regex(/^[0-9a-f]{64}$/).safeParse(manifest.source['rawDataVersion']);
  if (!raw.success) throw new ManifestError(`${path} has no source.rawDataVersion: it was not written by the validate stage. Run it: npx nx run rentals-data:validate`, 'MANIFEST_INVALID');
  const [train, valid] = await Promise.all([readRentalTable(join(dir, TRAIN_FILE)), readRentalTable(join(dir, VALID_FILE))]);
  return { train, valid, rawDataVersion: raw.data, processedDataVersion: manifest.dataVersion };
}
