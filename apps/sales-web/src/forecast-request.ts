import { parseIsoDate } from '@cd4ml/sales-schema';
import { z } from 'zod';

const isoDate = z
  .string({ error: 'date is required, as YYYY-MM-DD' })
  .refine((v) => parseIsoDate(v) !== undefined, { error: (i) => `date ${JSON.stringify(i.input)} is not a calendar date (YYYY-MM-DD)` });
const id = (name: string) => z.number({ error: `${name} must be a positive integer` }).int({ error: `${name} must be a positive integer` }).positive({ error: `${name} must be a positive integer` });

/** A single forecast request, as JSON. The store may be left out when the model covers one store. */
export const forecastRequestSchema = z.strictObject({
  date: isoDate,
  item_nbr: id('item_nbr'),
  store_nbr: id('store_nbr').optional(),
  onpromotion: z.boolean({ error: 'onpromotion must be true or false' }).default(false),
});

/** The same request from a query string (GET), where every value arrives as text. */
export const forecastQuerySchema = z.strictObject({
  date: isoDate,
  item_nbr: z.coerce.number().pipe(id('item_nbr')),
  store_nbr: z.coerce.number().pipe(id('store_nbr')).optional(),
  onpromotion: z.enum(['true', 'false'], { error: 'onpromotion must be true or false' }).default('false').transform((v) => v === 'true'),
});

export type ForecastRequest = z.infer<typeof forecastRequestSchema>;
