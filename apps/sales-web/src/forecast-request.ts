import { parseIsoDate } from '@cd4ml/calendar';
import { actualsRequestSchema as platformActualsRequest } from '@cd4ml/serving';
import { z } from 'zod';

/** The most rows one batch forecast or one actuals post may carry; more gets a 413. */
export const MAX_BATCH_ROWS = 1000;

const isoDate = z
  .string({ error: 'date is required, as YYYY-MM-DD' })
  .refine((v) => parseIsoDate(v) !== undefined, { error: (i) => `date ${JSON.stringify(i.input)} is not a calendar date (YYYY-MM-DD)` })
  .meta({ format: 'date', example: '2017-08-16' });
const id = (name: string) => z.number({ error: `${name} must be a positive integer` }).int({ error: `${name} must be a positive integer` }).positive({ error: `${name} must be a positive integer` });

/** A positive integer that arrives as text in a query string. */
const queryId = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .regex(/^\d+$/, { error: `${name} must be a positive integer` })
    .transform(Number)
    .pipe(id(name));

/** A single forecast request, as JSON. The store may be left out when the model covers one store. */
export const forecastRequestSchema = z
  .strictObject({
    date: isoDate,
    item_nbr: id('item_nbr'),
    store_nbr: id('store_nbr').optional(),
    onpromotion: z.boolean({ error: 'onpromotion must be true or false' }).default(false),
  })
  .meta({ id: 'ForecastRequest' });

/** The same request from a query string (GET), where every value arrives as text. */
export const forecastQuerySchema = z.strictObject({
  date: isoDate,
  item_nbr: queryId('item_nbr'),
  store_nbr: queryId('store_nbr').optional(),
  onpromotion: z.enum(['true', 'false'], { error: 'onpromotion must be true or false' }).default('false').transform((v) => v === 'true'),
});

/** Many forecasts in one request: at most {@link MAX_BATCH_ROWS} rows, answered in one ONNX call. */
export const batchRequestSchema = z
  .strictObject({
    rows: z.array(forecastRequestSchema, { error: 'rows must be an array of forecast requests' }).min(1, { error: 'rows must hold at least one row' }),
  })
  .meta({ id: 'BatchForecastRequest' });

/**
 * The largest |unit_sales| an actual may have: about ten times the largest daily sale of one item
 * in one store in the Kaggle file (89,440 units; its largest return is 15,372). Returns are negative.
 */
export const MAX_ACTUAL_UNITS = 1_000_000;

/** One observed outcome posted back for monitoring. */
export const actualSchema = z
  .strictObject({
    date: isoDate,
    item_nbr: id('item_nbr'),
    store_nbr: id('store_nbr').optional(),
    unit_sales: z
      .number({ error: 'unit_sales must be a number' })
      .min(-MAX_ACTUAL_UNITS, { error: `unit_sales must be between -${MAX_ACTUAL_UNITS} and ${MAX_ACTUAL_UNITS} (returns are negative)` })
      .max(MAX_ACTUAL_UNITS, { error: `unit_sales must be between -${MAX_ACTUAL_UNITS} and ${MAX_ACTUAL_UNITS} (returns are negative)` }),
  })
  .meta({ id: 'Actual' });

/** Actuals posted back: at most {@link MAX_BATCH_ROWS} per request (the platform's actuals route takes as many). */
export const actualsRequestSchema = platformActualsRequest(actualSchema).meta({ id: 'ActualsRequest' });

/** Query of the recent-actuals route. */
export const recentActualsQuerySchema = z.strictObject({
  item_nbr: queryId('item_nbr'),
  store_nbr: queryId('store_nbr').optional(),
});

export type ForecastRequest = z.infer<typeof forecastRequestSchema>;
