import { jsonNumber, metricSetSchema } from '@cd4ml/evaluation';
import { z } from 'zod';
import { monitorSettingsSchema } from '../settings.ts';

/** Bump when the shape below changes; readers (the exporter, a pipeline) refuse another version. */
export const MONITOR_REPORT_VERSION = 1;
export const MONITOR_REPORT_FILE = 'monitor-report.json';
export const MONITOR_HTML_FILE = 'monitor-report.html';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const window = z.strictObject({ from: day, to: day });

export const columnDriftSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  rows: z.number().int(),
  psi: jsonNumber,
  ks: jsonNumber.optional(),
  pValue: jsonNumber.optional(),
  wasserstein: jsonNumber.optional(),
});

/** One alert: what crossed which bar, over which window, and what to do. */
export const monitorAlertSchema = z.strictObject({
  kind: z.enum(['drift', 'accuracy']),
  /** e.g. "feature temperature", "prediction rentals", "overall", "slice station=12". */
  subject: z.string(),
  statistic: z.string(),
  figure: jsonNumber,
  bar: z.number(),
  window,
  rows: z.number().int(),
  message: z.string(),
});

const dailySchema = z.strictObject({ day, modelVersion: z.string(), rows: z.number().int(), metrics: metricSetSchema });
const driftPointSchema = z.strictObject({ to: day, rows: z.number().int(), predictionPsi: jsonNumber, predictionKs: jsonNumber, maxFeaturePsi: jsonNumber, maxFeature: z.string() });

/**
 * `monitor-report.json`: the monitor's verdict on the served model. `status` is `alert` when any
 * bar was crossed in the latest window, `insufficient-data` when nothing could be judged (the served
 * model has not yet forecast every day of the window, or the window holds fewer rows than `minRows`
 * for drift and for accuracy alike), else `ok`.
 */
export const monitorReportSchema = z.strictObject({
  reportVersion: z.literal(MONITOR_REPORT_VERSION),
  generatedAt: z.iso.datetime(),
  model: z.strictObject({ name: z.string(), version: z.string(), primary: z.string(), label: z.string(), validation: metricSetSchema }),
  settings: monitorSettingsSchema,
  inputs: z.strictObject({
    predictionFiles: z.array(z.string()),
    actualsFiles: z.array(z.string()),
    predictions: z.number().int(),
    /** Logged predictions of other model versions (earlier releases): in the live error series, not in drift. */
    otherVersions: z.record(z.string(), z.number().int()),
    actuals: z.number().int(),
    joined: z.number().int(),
    /** Actuals with no logged forecast: outcomes the app was never asked about. */
    unforecast: z.number().int(),
    /** Logged forecasts of the smoke test (request ids starting with smoke-), left out of drift and accuracy. */
    smokeTest: z.number().int().default(0),
    skippedLines: z.number().int(),
    /** The first skipped lines, with their reasons. */
    skipped: z.array(z.strictObject({ file: z.string(), line: z.number().int(), reason: z.string() })),
  }),
  status: z.enum(['ok', 'alert', 'insufficient-data']),
  window: window.nullable(),
  /** The first day the served model forecast; drift and accuracy are judged once it covers the window. */
  servedSince: z.string().nullable().default(null),
  drift: z.strictObject({ rows: z.number().int(), judged: z.boolean(), features: z.array(columnDriftSchema), prediction: columnDriftSchema.nullable() }),
  accuracy: z.strictObject({
    rows: z.number().int(),
    judged: z.boolean(),
    metrics: metricSetSchema.nullable(),
    slices: z.array(z.strictObject({ dimension: z.string(), slice: z.string(), gated: z.boolean(), metrics: metricSetSchema })),
  }),
  series: z.strictObject({ daily: z.array(dailySchema), drift: z.array(driftPointSchema) }),
  alerts: z.array(monitorAlertSchema),
});

export type MonitorReport = z.infer<typeof monitorReportSchema>;
export type MonitorAlert = z.infer<typeof monitorAlertSchema>;

/** Why a part of the report was not judged, in a few words, or undefined when it was. */
export function notJudgedReason(r: MonitorReport, part: { rows: number; judged: boolean }): string | undefined {
  if (part.judged) return undefined;
  if (r.window && r.servedSince && r.servedSince > r.window.from) return `the model has served only since ${r.servedSince}, not the whole window`;
  return `under ${r.settings.minRows} rows`;
}
