import type { z } from 'zod';
import type { JoinedRow } from '../log/join-actuals.ts';
import type { RecordKeys } from '../log/prediction-log.ts';

/** One row of a feedback snapshot, as written: column -> text or number. */
export type OutcomeRecord = Record<string, string | number>;

/**
 * What a domain exports for the platform's feedback loop, from the module its app's cd4ml.json
 * names (`feedback.module`): which outcomes go back into its data, as the columns of the file its
 * data stage folds in. Only outcomes: what happened (the actual) and the conditions of the day from
 * the request, never the forecast or anything decided from it (a model trained on its own
 * forecasts learns its own bias; docs/monitoring.md).
 */
export interface FeedbackDefinition<Row = unknown> {
  /** The same keys as the monitor's: an actual and its forecast share them, and the latest actual of a key wins. */
  keys: RecordKeys;
  /** The snapshot's columns, in order (the CSV header). */
  columns: readonly string[];
  /** The outcome of one actual joined with the forecast it answers. */
  outcome: (joined: JoinedRow) => OutcomeRecord;
  /** Checks one row, as read from the CSV (column -> text); what the domain's data stage gets back. */
  row: z.ZodType<Row>;
}

/** Types a domain's feedback definition. */
export function defineFeedback<Row>(definition: FeedbackDefinition<Row>): FeedbackDefinition<Row> {
  return definition;
}
