import { defineFeedback } from '@cd4ml/monitoring';
import { salesRecordKeys } from '@cd4ml/sales-schema';
import { z } from 'zod';

/**
 * The outcomes fed back: one observed sale per day, store and item, and whether the item was on
 * promotion that day (a condition of the day, from the forecast request, not a decision). Nothing
 * the app decided (its forecasts, the orders made from them) has a column.
 */
export const FEEDBACK_COLUMNS = ['date', 'store_nbr', 'item_nbr', 'unit_sales', 'onpromotion'] as const;

export const feedbackRowSchema = z.strictObject({
  date: z.iso.date(),
  store_nbr: z.coerce.number().int().positive(),
  item_nbr: z.coerce.number().int().positive(),
  unit_sales: z.coerce.number().finite(),
  onpromotion: z.enum(['True', 'False']).transform((v) => v === 'True'),
});
export type FeedbackRow = z.output<typeof feedbackRowSchema>;

/**
 * The sales domain's feedback definition (apps/sales-web/cd4ml.json: `feedback.module`): the
 * platform joins production's actuals with its logged forecasts by day, store and item, keeps
 * these columns, and the generate stage folds the snapshot into the raw data (Kaggle's True/False).
 */
export const feedback = defineFeedback({
  keys: salesRecordKeys,
  columns: FEEDBACK_COLUMNS,
  outcome: (j) => ({ date: j.day, store_nbr: String(j.input['store_nbr']), item_nbr: String(j.input['item_nbr']), unit_sales: j.actual, onpromotion: j.input['onpromotion'] === true ? 'True' : 'False' }),
  row: feedbackRowSchema,
});
