import { defineFeedback } from '@cd4ml/monitoring';
import { z } from 'zod';
import { rentalKeys, rentalRowSchema } from './rental-table.ts';

const { date, station, temperature, precipitation, rentals } = rentalRowSchema.shape;

/**
 * The rentals domain's feedback definition (apps/rentals-web/cd4ml.json: `feedback.module`): the
 * platform joins production's actuals with its logged forecasts by day and station and keeps
 * whole rows of the raw table: the day's weather from the request (a condition, not a decision)
 * and the rentals observed. Never the forecast. The generate stage folds them in.
 */
export const feedback = defineFeedback({
  keys: rentalKeys,
  columns: ['date', 'station', 'temperature', 'precipitation', 'rentals'],
  outcome: (j) => ({ date: j.day, station: String(j.input['station']), temperature: Number(j.input['temperature']), precipitation: Number(j.input['precipitation']), rentals: j.actual }),
  row: z.strictObject({ date, station, temperature: z.coerce.number().pipe(temperature), precipitation: z.coerce.number().pipe(precipitation), rentals: z.coerce.number().pipe(rentals) }),
});
