import { join } from 'node:path';
import { readManifest, type Manifest } from '@cd4ml/data';
import { readJsonFile } from '@cd4ml/fs';
import { referenceTablesSchema, type ReferenceTables, type SalesHistory, type SalesRow } from '@cd4ml/sales-schema';
import { z } from 'zod';
import { readSalesHistory, readSalesTable } from './sales-table.ts';

/** The processed data a model is trained and judged on. */
export interface SalesData<Train = SalesRow[]> {
  manifest: Manifest;
  /** The raw snapshot ingest read: its manifest's data version. */
  rawDataVersion: string;
  /** These processed tables: their manifest's data version. */
  processedDataVersion: string;
  train: Train;
  valid: SalesRow[];
  reference: ReferenceTables;
}

/** The processed data as training reads it: the training table as typed columns, validation as rows. */
export type TrainingData = SalesData<SalesHistory>;

const INGEST_HINT = 'Run ingest first: npx nx run sales-data:ingest';

/** Reads train.csv, valid.csv, reference.json and manifest.json written by ingest, each checked. */
export function readSalesData(dataDir: string): Promise<SalesData> {
  return readProcessed(dataDir, readSalesTable);
}

/**
 * {@link readSalesData} with train.csv read into typed columns ({@link SalesHistory}), never as row
 * objects: what keeps the train stage's peak memory low. valid.csv is small and stays rows.
 */
export function readTrainingData(dataDir: string): Promise<TrainingData> {
  return readProcessed(dataDir, readSalesHistory);
}

async function readProcessed<Train>(dataDir: string, readTrain: (path: string) => Promise<Train>): Promise<SalesData<Train>> {
  const manifest = await readManifest(join(dataDir, 'manifest.json'));
  const raw = z.string().regex(/^[0-9a-f]{64}$/).safeParse(manifest.source['rawDataVersion']);
  if (!raw.success) throw new Error(`${join(dataDir, 'manifest.json')} has no source.rawDataVersion: it was not written by ingest. ${INGEST_HINT}`);
  const train = await readTrain(join(dataDir, 'train.csv'));
  const valid = await readSalesTable(join(dataDir, 'valid.csv'));
  const reference = await readJsonFile(join(dataDir, 'reference.json'), referenceTablesSchema, { what: 'reference tables file', missingHint: INGEST_HINT });
  return { manifest, rawDataVersion: raw.data, processedDataVersion: manifest.dataVersion, train, valid, reference };
}
