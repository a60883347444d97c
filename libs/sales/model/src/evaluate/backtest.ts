import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from '@cd4ml/data';
import { primaryOf } from '@cd4ml/evaluation';
import { readJsonFile, writeFileAtomic } from '@cd4ml/fs';
import { backtestFoldsSchema, salesTableColumns, type SalesRow } from '@cd4ml/sales-schema';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { readSalesData } from '../data/sales-data.ts';
import type { BacktestResult } from '../report/evaluation-report.ts';

/**
 * Rolling-origin backtest over the folds ingest wrote (`folds.json`: the one rule that cuts them):
 * for each fold, trains a fresh model on every day up to its training end and scores it on its
 * validation window against the reference baseline. Never a random split.
 */
export async function backtest(dataDir: string, paramsPath: string): Promise<BacktestResult[]> {
  const folds = await readJsonFile(join(dataDir, 'folds.json'), backtestFoldsSchema, { what: 'backtest folds file', missingHint: 'Ingest with --folds <n> to cut backtest folds.' });
  if (folds.length === 0) throw new RangeError(`${join(dataDir, 'folds.json')} holds no folds: ingest with --folds <n> (e.g. 3) to cut them.`);
  const data = await readSalesData(dataDir);
  const rows = [...data.train, ...data.valid];
  const work = await mkdtemp(join(tmpdir(), 'cd4ml-backtest-'));
  const out: BacktestResult[] = [];
  try {
    for (const f of folds) {
      const train = rows.filter((r) => r.date >= f.trainStart && r.date <= f.trainEnd);
      const valid = rows.filter((r) => r.date >= f.validStart && r.date <= f.validEnd);
      if (train.length === 0 || valid.length === 0) throw new RangeError(`backtest fold ${f.fold} (${f.validStart}..${f.validEnd}) has no training or no validation rows in ${dataDir}`);
      const dir = join(work, `fold-${f.fold}`);
      await writeTable(join(dir, 'train.csv'), train);
      await writeTable(join(dir, 'valid.csv'), valid);
      for (const name of ['reference.json', 'manifest.json']) await copyFile(join(dataDir, name), join(dir, name));
      const card = await trainSalesModel({ dataDir: dir, paramsPath, outDir: join(dir, 'model') });
      const m = card.metrics;
      out.push({ ...f, model: primaryOf(m.validation, m), baseline: primaryOf(m.baselines[m.referenceBaseline] ?? {}, m) });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return out;
}

async function writeTable(path: string, rows: readonly SalesRow[]): Promise<void> {
  const lines = rows.map((r) => salesTableColumns.map((c) => csvField(r[c])).join(','));
  await writeFileAtomic(path, `${salesTableColumns.join(',')}\n${lines.join('\n')}\n`);
}
