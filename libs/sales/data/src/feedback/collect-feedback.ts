import { joinActuals, readActuals, readPredictions, type RecordKeys, type SkippedLine } from '@cd4ml/monitoring';
import { feedbackRowSchema, type FeedbackRow } from './feedback-snapshot.ts';

/** A forecast request and its actual are the same (date, store, item): the key of the join. */
const salesKeys: RecordKeys = { keyFields: ['date', 'store_nbr', 'item_nbr'], dayField: 'date', outputField: 'unit_sales' };

export interface CollectOptions {
  /** Prediction logs (each with its rotated files). */
  predictions: readonly string[];
  /** Actuals posted to the app (JSON lines) and dropped as CSV files. */
  actuals: readonly string[];
  actualsCsv?: readonly string[];
}

/**
 * Joins the actuals with the logged forecasts by date, store and item (one actual per key, the
 * latest wins) and keeps the **outcomes only**: the observed unit_sales, and the day's promotion
 * flag from the forecast request (a condition of the day, not a decision). The forecast itself, and
 * anything decided from it, never reaches the next model's data: a model trained on its own
 * forecasts would learn its own bias ("Evolving Intelligent Systems without Bias", docs/monitoring.md).
 */
export async function collectFeedback(o: CollectOptions): Promise<{ rows: FeedbackRow[]; unforecast: number; actuals: number; skipped: SkippedLine[] }> {
  const logs = await readPredictions(o.predictions, salesKeys);
  const outcomes = await readActuals(o.actuals, o.actualsCsv ?? [], salesKeys);
  const { rows: joined, unforecast } = joinActuals(logs.predictions, outcomes.actuals);
  const rows = joined.map((j) =>
    feedbackRowSchema.parse({
      date: j.day,
      store_nbr: j.input['store_nbr'],
      item_nbr: j.input['item_nbr'],
      unit_sales: j.actual,
      onpromotion: j.input['onpromotion'] === true ? 'True' : 'False',
    }),
  );
  return { rows, unforecast: unforecast.length, actuals: outcomes.actuals.length, skipped: [...logs.skipped, ...outcomes.skipped] };
}
