import { readYamlFile } from '@cd4ml/fs';
import { z } from 'zod';

const positive = z.number().positive();

/**
 * A domain's monitoring settings file (`monitoring.yaml`, named by its app's cd4ml.json in
 * `monitor.settings`): windows, the bars of every alert, and which features drift is not measured
 * on. Read when a monitor starts, so a wrong bar fails at once, naming the field.
 */
export const monitorSettingsSchema = z.strictObject({
  /** Drift and live accuracy are measured over the last this many days of forecasts. */
  windowDays: z.number().int().min(1).max(366),
  /** A window with fewer rows is reported but raises no alert: too few to tell noise from change. */
  minRows: z.number().int().min(1),
  drift: z.strictObject({
    /** Population stability index above which a feature (or the predictions) has shifted. */
    maxPsi: positive,
    /** Kolmogorov–Smirnov statistic above which a numeric feature has shifted... */
    maxKs: z.number().gt(0).max(1),
    /** ...when its p-value is also under this level (a large sample alone does not alarm). */
    ksAlpha: z.number().gt(0).lt(1),
    /**
     * Features whose drift is not measured, e.g. calendar features a short window can never match.
     * The prediction's name (e.g. "rentals") here keeps the predictions' drift from alarming; it is
     * still measured and reported (a seasonal output: a window is always one season).
     */
    ignore: z.array(z.string()).default([]),
  }),
  accuracy: z.strictObject({
    /** The primary metric over the window may be at most this multiple of the model's validation figure. */
    maxErrorRatio: z.number().gt(1),
    /** Largest mean signed error in log space, ln(p+1) − ln(a+1), overall and per slice. */
    maxAbsBias: positive,
    /** A slice with fewer joined rows in the window is reported but not alarmed. */
    sliceMinRows: z.number().int().min(1),
  }),
});

export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

/**
 * Reads a monitoring settings file (the one an app's cd4ml.json names in `monitor.settings`) and
 * checks it when read: a `FileError` names the file and lists every bad field at once.
 *
 * @example const settings = await readMonitorSettings('libs/sales/model/monitoring.yaml')
 */
export function readMonitorSettings(path: string): Promise<MonitorSettings> {
  return readYamlFile(path, monitorSettingsSchema, { what: 'monitoring settings file' });
}
