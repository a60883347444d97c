import { z } from 'zod';

/**
 * A number as JSON carries it: JSON has no NaN or Infinity and writes them as null, so null reads
 * back as NaN (a figure that could not be computed, which fails every comparison).
 */
export const jsonNumber = z.union([z.number(), z.null().transform(() => Number.NaN)]);

/** A named metric set (see `regressionMetrics`), as files hold it. */
export const metricSetSchema = z.record(z.string(), jsonNumber);

/** Metrics of one slice of one dimension, as files hold them. */
export const sliceMetricsSchema = z.object({ dimension: z.string(), slice: z.string(), metrics: metricSetSchema });

/** One gate's verdict, as `gates.json`, run records and the API carry it: defined once, here. */
export const gateResultSchema = z.object({
  gate: z.string().min(1),
  passed: z.boolean(),
  /** The measured figure; NaN (null in JSON) always fails. */
  figure: jsonNumber,
  /** The bar the figure is held to; null when the gate has nothing to compare with and passes vacuously (the summary says why). */
  bar: z.number().nullable(),
  comparison: z.enum(['<=', '>=']),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
