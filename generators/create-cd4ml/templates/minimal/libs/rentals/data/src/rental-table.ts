import { tableShape } from '@cd4ml/data';
import { z } from 'zod';

/** One station on one day: the raw snapshot's rows, and the train and valid tables' too. */
export const rentalRowSchema = z.object({
  date: z.iso.date(),
  station: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a station id is lower-case words joined by dashes'),
  /** Daily mean, °C. */
  temperature: z.number().min(-40).max(50),
  /** mm over the day. */
  precipitation: z.number().min(0).max(300),
  rentals: z.number().int().min(0).max(100_000),
});
export type RentalRow = z.infer<typeof rentalRowSchema>;

/**
 * The table contract between the data stages and the model: bump the version when a column is
 * added, removed, moved or retyped (the contract test holds it to its committed snapshot).
 * Version 2 dropped `wind`: what the shop records is what a forecast request carries, so an
 * outcome fed back from production is a whole row.
 */
export const rentalContract = tableShape('rentals', 2, rentalRowSchema);
export const rentalColumns = rentalContract.columns.map((c) => c.column) as (keyof RentalRow)[];

/**
 * A rental and its forecast are the same record: one station on one day. The monitor joins by it,
 * windows are cut by the day, and the feedback loop keeps one outcome per key.
 */
export const rentalKeys = { keyFields: ['date', 'station'], dayField: 'date', outputField: 'rentals' } as const;
