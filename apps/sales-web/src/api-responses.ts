import { z } from 'zod';
import { cardMetricsSchema, gateReportSchema } from '@cd4ml/model-artifact';

// The response shapes, in zod so the OpenAPI document is generated from code, not written by hand;
// the app's tests validate real responses against these same schemas.

/** One forecast: the (completed) request plus the predicted units. */
export const forecastSchema = z
  .object({ date: z.string().meta({ format: 'date' }), item_nbr: z.int(), store_nbr: z.int(), onpromotion: z.boolean(), unit_sales: z.number().min(0) })
  .meta({ id: 'Forecast' });

/** A single forecast response; it always carries the model version. */
export const forecastResponseSchema = z.object({ forecast: forecastSchema, modelVersion: z.string() }).meta({ id: 'ForecastResponse' });

/** A batch response: forecasts in request order. */
export const batchResponseSchema = z.object({ forecasts: z.array(forecastSchema), count: z.int(), modelVersion: z.string() }).meta({ id: 'BatchForecastResponse' });

const item = z.object({ item_nbr: z.int(), family: z.string(), class: z.int(), perishable: z.boolean() }).loose();
const store = z.object({ store_nbr: z.int(), city: z.string(), state: z.string(), type: z.string(), cluster: z.int() }).loose();
/** The catalogue, from the model's data. */
export const productsResponseSchema = z.object({ products: z.array(item), stores: z.array(store), modelVersion: z.string() }).meta({ id: 'ProductsResponse' });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Model info: versions, metrics and gate verdicts (null until the gate stage has run). The data
 * the model learned from has two versions, named apart at every level: the raw snapshot's
 * (`rawDataVersion`, its manifest's `dataVersion`) and the processed tables' (`processedDataVersion`).
 */
export const modelInfoSchema = z
  .object({
    name: z.string(),
    modelVersion: z.string(),
    runId: z.string(),
    createdAt: z.string(),
    rawDataVersion: sha256.meta({ description: "the raw snapshot the model learned from: the dataVersion of the raw folder's manifest.json" }),
    processedDataVersion: sha256.meta({ description: "the processed tables it was fit and measured on: the dataVersion of the processed folder's manifest.json" }),
    code: z.object({ commit: z.string(), dirty: z.boolean() }),
    featureSchemaVersion: z.int(),
    metrics: cardMetricsSchema,
    gates: gateReportSchema.nullable(),
    horizon: z.object({ lastDate: z.string().meta({ format: 'date' }) }),
  })
  .meta({ id: 'ModelInfo' });

/** What `GET /api/v1/model` sends (metrics and gate figures that could not be computed go out as null). */
export type ModelInfo = z.input<typeof modelInfoSchema>;

/** Recent daily actuals of one item in one store, oldest first. */
export const recentActualsResponseSchema = z
  .object({
    item_nbr: z.int(),
    store_nbr: z.int(),
    lastDate: z.string().nullable(),
    actuals: z.array(z.object({ date: z.string().meta({ format: 'date' }), unit_sales: z.number() })),
    modelVersion: z.string(),
  })
  .meta({ id: 'RecentActualsResponse' });

/** What a post of actuals answers. */
export const actualsAcceptedSchema = z.object({ accepted: z.int(), modelVersion: z.string() }).meta({ id: 'ActualsAccepted' });

/** Every error: a stable code, a message naming the field, and the request id. */
export const errorResponseSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });
