import { z } from 'zod';

/**
 * The version of the prediction log's line format, in every line as `logVersion`. Bump it with any
 * change a reader of the log would notice (docs/observability.md says how).
 */
export const PREDICTION_LOG_VERSION = 1;

/**
 * One line of a prediction log (version {@link PREDICTION_LOG_VERSION}), as every reader takes it:
 * when, which model, the request's id and input, the feature row the model saw (in the order of
 * the model card's `featureNames`) and the outputs. Other fields (a logger's level, service, a row
 * index) are allowed; lines written before versioning have no `logVersion`, lines of another
 * version are refused.
 */
export const predictionLineSchema = z.looseObject({
  time: z.iso.datetime(),
  logVersion: z.literal(PREDICTION_LOG_VERSION).optional(),
  modelVersion: z.string().min(1),
  requestId: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
  features: z.array(z.number()),
  output: z.record(z.string(), z.number()),
});
