import { rentalRowSchema } from '@minimal/rentals-data';
import { z } from 'zod';

// The API's requests, each field checked against the data contract's own rule for its column.

/** The most rows one batch forecast or one actuals post may carry; more gets a 413. */
export const MAX_BATCH_ROWS = 1000;

const { date, station, temperature, precipitation, rentals } = rentalRowSchema.shape;
// Query values arrive as text.
const numberLike = (column: z.ZodNumber) => z.string().trim().min(1, 'is blank').transform(Number).pipe(column);

/** `GET /api/v1/forecast?date=&station=&temperature=&precipitation=`. */
export const forecastQuerySchema = z.strictObject({ date, station, temperature: numberLike(temperature), precipitation: numberLike(precipitation) });

/** `POST /api/v1/forecast/batch`: `{ rows: [{ date, station, temperature, precipitation }, ...] }`, answered in request order. */
export const batchRequestSchema = z.strictObject({
  rows: z.array(z.strictObject({ date, station, temperature, precipitation }), { error: 'rows must be an array of forecast requests' }).min(1, { error: 'rows must hold at least one row' }),
});

/** One actual posted back (`POST /api/v1/actuals`): what a station rented on a day. */
export const actualSchema = z.strictObject({ date, station, rentals });
