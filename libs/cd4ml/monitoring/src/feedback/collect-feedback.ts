import { readActuals } from '../log/actuals.ts';
import { joinActuals } from '../log/join-actuals.ts';
import { readPredictions } from '../log/prediction-log.ts';
import type { SkippedLine } from '../log/read-json-lines.ts';
import type { FeedbackDefinition, OutcomeRecord } from './feedback-definition.ts';

/** Where the feedback stage reads: prediction logs (rotated files too) and actuals, posted (JSON lines) or dropped (CSV). */
export interface FeedbackSources {
  predictions: readonly string[];
  actuals: readonly string[];
  actualsCsv?: readonly string[];
}

/**
 * Joins the actuals with the logged forecasts by the domain's keys (one actual per key, the latest
 * wins) and keeps the **outcomes only**, as the domain's definition says. An actual that answers
 * no forecast is counted and left out: nothing says the app served that key.
 */
export async function collectFeedback<Row>(definition: FeedbackDefinition<Row>, o: FeedbackSources): Promise<{ outcomes: OutcomeRecord[]; unforecast: number; actuals: number; skipped: SkippedLine[] }> {
  const logs = await readPredictions(o.predictions, definition.keys);
  const read = await readActuals(o.actuals, o.actualsCsv ?? [], definition.keys);
  const { rows, unforecast } = joinActuals(logs.predictions, read.actuals);
  return { outcomes: rows.map(definition.outcome), unforecast: unforecast.length, actuals: read.actuals.length, skipped: [...logs.skipped, ...read.skipped] };
}
