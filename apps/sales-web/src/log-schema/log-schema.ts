import { featureNames } from '@cd4ml/sales-features';
import { PREDICTION_LOG_VERSION, type PredictionLineShape } from '@cd4ml/serving';
import { z } from 'zod';

/** Which fields of a forecast the prediction log writes into a line's `input` and `output`. */
export const predictionLine = {
  input: [
    ['date', 'string'],
    ['item_nbr', 'number'],
    ['store_nbr', 'number'],
    ['onpromotion', 'boolean'],
  ],
  output: [['unit_sales', 'number']],
} as const satisfies PredictionLineShape;

/** Where the JSON Schema of a line is committed, for log shippers and other readers. */
export const PREDICTION_LOG_SCHEMA_FILE = 'prediction-log.schema.json';

/**
 * One line of the prediction log (version {@link PREDICTION_LOG_VERSION}): one forecast, as the
 * log's writer thread formats it with pino. A batch request writes one line per row, numbered by
 * `row`. The platform's monitor reads `time`, `modelVersion`, `input`, `features` and `output`.
 */
export const predictionLogLineSchema = z
  .strictObject({
    level: z.literal(30).describe('pino level: 30 is info'),
    time: z.iso.datetime().describe('when the forecast was made (not when the line was written)'),
    service: z.literal('sales-web'),
    logVersion: z.literal(PREDICTION_LOG_VERSION).describe('the version of this line format'),
    requestId: z.string().min(1).describe('the X-Request-Id of the request, shared by the rows of a batch'),
    modelVersion: z.string().min(1).describe('the model that made the forecast'),
    row: z.number().int().nonnegative().optional().describe('the row of a batch request (absent for a single forecast)'),
    input: z
      .strictObject({ date: z.iso.date(), item_nbr: z.number().int(), store_nbr: z.number().int(), onpromotion: z.boolean() })
      .describe('what was asked: the day, the item, the store and the promotion flag'),
    features: z
      .array(z.number())
      .length(featureNames.length)
      .describe(`the feature row the model saw, in the model card's featureNames order: ${featureNames.join(', ')}`),
    output: z.strictObject({ unit_sales: z.number().nonnegative().describe('the forecast, in units') }),
  })
  .meta({ title: 'sales-web prediction log line', description: 'One JSON line per forecast, written by sales-web to its prediction log (--prediction-log).' });

/** The JSON Schema of a line, as committed in {@link PREDICTION_LOG_SCHEMA_FILE}. */
export function predictionLogJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://cd4ml.dev/schemas/sales-web/prediction-log/v${PREDICTION_LOG_VERSION}.json`,
    ...z.toJSONSchema(predictionLogLineSchema, { target: 'draft-2020-12' }),
  };
}
