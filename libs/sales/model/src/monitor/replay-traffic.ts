import { join } from 'node:path';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { writeFileAtomic } from '@cd4ml/fs';
import { loadArtifact } from '@cd4ml/model-artifact';
import { onnxPredict } from '@cd4ml/onnx';
import { SeededRandom } from '@cd4ml/random';
import { FeatureBuilder, featureSpecSchema } from '@cd4ml/sales-features';
import type { SalesRow } from '@cd4ml/sales-schema';
import { readSalesData } from '../data/sales-data.ts';

/** A change injected into replayed traffic, from its first day on. */
export interface TrafficShift {
  /** Every actual multiplied by this (a demand shift the inputs do not show). */
  demand?: number;
  /** This share of the forecasts asked with onpromotion true (a promotion regime the inputs show). */
  promotionShare?: number;
}

export interface ReplayOptions {
  /** The model that forecasts (a gated or trained artifact folder). */
  modelDir: string;
  /** Processed data (ingest's output) whose validation rows are replayed: days the model never saw. */
  dataDir: string;
  /** Days replayed, from the first validation day. @default 7 */
  days?: number;
  /** Seeds the share of rows kept and the promotion draws. @default 1 */
  seed?: number;
  /** Share of the validation rows replayed each day (a different sample for each seed). @default 1 */
  sample?: number;
  shift?: TrafficShift;
  /** Folder for predictions.jsonl and actuals.jsonl. */
  out: string;
}

/**
 * Replays validation rows as production would have logged them: one prediction log line per
 * forecast (time, model version, input, feature row, output, as the app writes them) and one
 * posted actual per forecast (as `POST /api/v1/actuals` stores them). The forecasts come from the
 * model's ONNX file in onnxruntime, like the app's. For the monitor's tests and its false-alarm bench.
 */
export async function replayTraffic(o: ReplayOptions): Promise<{ predictions: string; actuals: string; rows: number }> {
  const artifact = await loadArtifact(o.modelDir, { spec: featureSpecSchema });
  const { valid } = await readSalesData(o.dataDir);
  const first = dayNumber(valid[0]!.date);
  const rng = new SeededRandom(o.seed ?? 1);
  const sample = o.sample ?? 1;
  const shift = o.shift ?? {};
  const rows: SalesRow[] = valid
    .filter((r) => dayNumber(r.date) < first + (o.days ?? 7) && rng.next() < sample)
    .map((r) => (shift.promotionShare === undefined ? r : { ...r, onpromotion: rng.next() < shift.promotionShare }));
  const features = new FeatureBuilder(artifact.card.spec);
  const x = { values: features.matrix(rows), nRows: rows.length, nCols: features.nFeatures };
  const predicted = await onnxPredict(artifact.onnx, x);
  const version = artifact.card.modelVersion;
  const predictions: string[] = [];
  const actuals: string[] = [];
  rows.forEach((r, i) => {
    const input = { date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr, onpromotion: r.onpromotion };
    // Forecasts are asked the day before the day they are for; actuals arrive the day after.
    const time = `${isoDate(dayNumber(r.date) - 1)}T18:00:00.000Z`;
    const units = Math.round(Math.max(0, Math.expm1(predicted[i]!)) * 100) / 100;
    const feature = Array.from(x.values.subarray(i * x.nCols, (i + 1) * x.nCols));
    predictions.push(JSON.stringify({ level: 30, time, service: 'sales-web', requestId: `replay-${i}`, modelVersion: version, input, features: feature, output: { unit_sales: units } }));
    actuals.push(JSON.stringify({ date: r.date, store_nbr: r.store_nbr, item_nbr: r.item_nbr, unit_sales: Math.round(r.unit_sales * (shift.demand ?? 1) * 1000) / 1000 }));
  });
  const files = { predictions: join(o.out, 'predictions.jsonl'), actuals: join(o.out, 'actuals.jsonl') };
  await writeFileAtomic(files.predictions, `${predictions.join('\n')}\n`);
  await writeFileAtomic(files.actuals, `${actuals.join('\n')}\n`);
  return { ...files, rows: rows.length };
}
