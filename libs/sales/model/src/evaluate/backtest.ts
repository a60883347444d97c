import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from '@cd4ml/data';
import { writeFileAtomic } from '@cd4ml/fs';
import { salesTableColumns, type SalesRow } from '@cd4ml/sales-schema';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { readSalesData } from './sales-data.ts';

/** One fold of a rolling backtest: trained on everything before the window, judged on the window. */
export interface BacktestFold {
  fold: number;
  trainRows: number;
  validStart: string;
  validEnd: string;
  validRows: number;
  model: number;
  seasonalNaive: number;
}

/**
 * Rolling-origin backtest: cuts `folds` consecutive windows, each as long as the validation
 * window, from the end of train+valid (the last fold is the usual split), and for each one trains
 * a fresh model on every earlier day and scores NWRMSLE against seasonal naive. Never a random split.
 */
export async function backtest(dataDir: string, paramsPath: string, folds: number): Promise<BacktestFold[]> {
  const data = await readSalesData(dataDir);
  const rows = [...data.train, ...data.valid];
  const last = Math.max(...data.valid.map((r) => dayNumber(r.date)));
  const window = last - Math.min(...data.valid.map((r) => dayNumber(r.date))) + 1;
  const work = await mkdtemp(join(tmpdir(), 'cd4ml-backtest-'));
  const out: BacktestFold[] = [];
  try {
    for (let f = 1; f <= folds; f += 1) {
      const end = last - (folds - f) * window;
      const start = end - window + 1;
      const train = rows.filter((r) => dayNumber(r.date) < start);
      const valid = rows.filter((r) => dayNumber(r.date) >= start && dayNumber(r.date) <= end);
      if (train.length === 0 || valid.length === 0) throw new RangeError(`backtest fold ${f} (${isoDate(start)}..${isoDate(end)}) has no training or no validation rows: ask for fewer folds`);
      const dir = join(work, `fold-${f}`);
      await writeTable(join(dir, 'train.csv'), train);
      await writeTable(join(dir, 'valid.csv'), valid);
      for (const name of ['reference.json', 'manifest.json']) await copyFile(join(dataDir, name), join(dir, name));
      const card = await trainSalesModel({ dataDir: dir, paramsPath, outDir: join(dir, 'model') });
      const m = card.metrics as Record<string, { nwrmsle: number }>;
      out.push({ fold: f, trainRows: train.length, validStart: isoDate(start), validEnd: isoDate(end), validRows: valid.length, model: m['validation']!.nwrmsle, seasonalNaive: m['seasonalNaive']!.nwrmsle });
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
