import { z } from 'zod';

/** One rolling-origin backtest fold: train on everything up to `trainEnd`, validate on the window after it. */
export const backtestFoldSchema = z.object({
  fold: z.number().int().positive(),
  trainStart: z.iso.date(),
  trainEnd: z.iso.date(),
  validStart: z.iso.date(),
  validEnd: z.iso.date(),
  trainRows: z.number().int().nonnegative(),
  validRows: z.number().int().nonnegative(),
});
export type BacktestFold = z.infer<typeof backtestFoldSchema>;

/** `folds.json`, written by ingest and read by the model's backtest: the one rule for cutting folds. */
export const backtestFoldsSchema = z.array(backtestFoldSchema);
