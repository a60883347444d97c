import { z } from 'zod';
import { actualsAcceptedSchema, batchResponseSchema, errorResponseSchema, forecastResponseSchema, modelInfoSchema, productsResponseSchema, recentActualsResponseSchema } from './api-responses.ts';
import { actualsRequestSchema, batchRequestSchema, forecastQuerySchema, forecastRequestSchema, MAX_BATCH_ROWS, recentActualsQuerySchema } from './forecast-request.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the very zod schemas that validate requests (and the
 * response schemas the tests check), so the document cannot drift from the code.
 * @param version the app's version, shown as `info.version`
 */
export function buildOpenApi(version: string): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  // Each schema with a meta id becomes a component; zod's local $defs refs are pointed there.
  // Every schema is described by its input side: for a request, what the API accepts; for a
  // response, the JSON a client reads (a figure that could not be computed, NaN, goes over the
  // wire as null and parses back to NaN).
  const ref = (schema: z.ZodType): JsonSchema => {
    const json = JSON.parse(JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' })).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    const { $defs, $schema: _, ...rest } = json as { $defs?: Record<string, JsonSchema>; $schema?: string };
    Object.assign(components, $defs ?? {});
    return rest;
  };
  const body = (schema: z.ZodType, description?: string) => ({ required: true, ...(description ? { description } : {}), content: { 'application/json': { schema: ref(schema) } } });
  const ok = (schema: z.ZodType, description = 'OK') => ({ description, content: { 'application/json': { schema: ref(schema) } } });
  const error = { $ref: '#/components/responses/Error' };
  const query = (schema: z.ZodObject) =>
    Object.entries(schema.shape).map(([name, field]) => ({ name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: ref(field as z.ZodType) }));
  const errors = (...statuses: number[]) => Object.fromEntries([...statuses, 503].map((s) => [String(s), error]));

  const paths = {
    '/api/v1/forecast': {
      get: { summary: 'One forecast, from a query string', parameters: query(forecastQuerySchema), responses: { 200: ok(forecastResponseSchema), ...errors(400, 404, 422) } },
      post: { summary: 'One forecast', requestBody: body(forecastRequestSchema), responses: { 200: ok(forecastResponseSchema), ...errors(400, 404, 413, 415, 422) } },
    },
    '/api/v1/forecast/batch': {
      post: {
        summary: `Many forecasts in one request, at most ${MAX_BATCH_ROWS} rows (more gets 413); one bad row fails the batch and its message names the row`,
        requestBody: body(batchRequestSchema, `At most ${MAX_BATCH_ROWS} rows and 512 KiB.`),
        responses: { 200: ok(batchResponseSchema), ...errors(400, 404, 413, 415, 422) },
      },
    },
    '/api/v1/products': { get: { summary: 'The catalogue, from the model’s data', responses: { 200: ok(productsResponseSchema), ...errors() } } },
    '/api/v1/model': { get: { summary: 'Model version, raw and processed data versions, metrics and gate verdicts', responses: { 200: ok(modelInfoSchema), ...errors() } } },
    '/api/v1/actuals/recent': {
      get: { summary: 'Recent daily actuals of one item, for charts', parameters: query(recentActualsQuerySchema), responses: { 200: ok(recentActualsResponseSchema), ...errors(400, 404) } },
    },
    '/api/v1/actuals': {
      post: {
        summary: `Actuals posted back for monitoring (at most ${MAX_BATCH_ROWS} rows), appended to a JSON-lines file and synced to disk before the 202`,
        description:
          "Each actual is keyed by (date, store_nbr, item_nbr); the latest post wins, so sending a post again is harmless. 400 for a date outside the model's calendar or in the future (IMPLAUSIBLE_ACTUAL), " +
          'a key twice in one post (DUPLICATE_ACTUAL) or |unit_sales| over the bound; 507 (INSUFFICIENT_STORAGE) when the disk is full and 503 (ACTUALS_UNAVAILABLE) when the file cannot be written: nothing of the post is kept, send it again.',
        requestBody: body(actualsRequestSchema),
        responses: { 202: ok(actualsAcceptedSchema, 'Accepted: stored and synced'), ...errors(400, 404, 413, 415, 507) },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'cd4ml sales forecast API', version, description: 'Forecasts of unit sales per item, store and day. Every forecast carries the model version.' },
    paths,
    components: { schemas: components, responses: { Error: { description: 'An error with a stable code and a message naming the field', content: { 'application/json': { schema: ref(errorResponseSchema) } } } } },
  };
}
