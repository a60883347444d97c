import { z } from 'zod';

/** File name of the recent actuals the train stage writes into the artifact, for the UI's chart. */
export const RECENT_ACTUALS_FILE = 'recent-actuals.json';

/** `recent-actuals.json`: the last days of actual sales, by store and item, as `[date, unit_sales]` pairs, oldest first. */
export const recentActualsSchema = z.object({
  days: z.number().int().nonnegative(),
  lastDate: z.string(),
  stores: z.record(z.string(), z.record(z.string(), z.array(z.tuple([z.string(), z.number()])))),
});

export type RecentActuals = z.infer<typeof recentActualsSchema>;
