import { predictionLineSchema } from '@cd4ml/serving';
import { readJsonLines, rotatedLogFiles, type SkippedLine } from './read-json-lines.ts';

/** How a domain's records are keyed: the same fields name a prediction and its actual. */
export interface RecordKeys {
  /** Fields that identify one forecast and its outcome, e.g. date, store and item. */
  keyFields: readonly string[];
  /** The field holding the ISO day a forecast is for; windows are cut by it. */
  dayField: string;
  /** The predicted (and observed) value, e.g. "rentals". */
  outputField: string;
}

/** A logged prediction, ready to compare and join. */
export interface LoggedPrediction {
  time: string;
  modelVersion: string;
  requestId?: string;
  input: Record<string, unknown>;
  features: readonly number[];
  value: number;
  day: string;
  key: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The join key of a record: its key fields, in order. */
export function recordKey(keys: RecordKeys, record: Record<string, unknown>): string {
  return keys.keyFields.map((f) => String(record[f])).join('/');
}

/**
 * Reads prediction logs (each with its rotated files, oldest first). A line without the key
 * fields, an ISO day or the output is skipped and reported like a malformed one.
 *
 * @param paths log files; each one's rotated siblings (`x.1`, `x.2`, ...) are read too
 */
export async function readPredictions(paths: readonly string[], keys: RecordKeys): Promise<{ predictions: LoggedPrediction[]; skipped: SkippedLine[]; files: string[] }> {
  const predictions: LoggedPrediction[] = [];
  const skipped: SkippedLine[] = [];
  const files = (await Promise.all(paths.map(rotatedLogFiles))).flat();
  for (const file of files) {
    const incomplete: SkippedLine[] = [];
    const bad = await readJsonLines(file, predictionLineSchema, (line, where) => {
      const day = line.input[keys.dayField];
      const value = line.output[keys.outputField];
      const missing = keys.keyFields.find((f) => line.input[f] === undefined);
      if (missing !== undefined || typeof day !== 'string' || !ISO_DAY.test(day) || value === undefined) {
        const why = missing !== undefined ? `input.${missing} is missing` : value === undefined ? `output.${keys.outputField} is missing` : `input.${keys.dayField} is not an ISO day`;
        incomplete.push({ ...where, reason: why });
        return;
      }
      predictions.push({ time: line.time, modelVersion: line.modelVersion, ...(line.requestId ? { requestId: line.requestId } : {}), input: line.input, features: line.features, value, day, key: recordKey(keys, line.input) });
    });
    skipped.push(...[...bad, ...incomplete].sort((a, b) => a.line - b.line));
  }
  return { predictions, skipped, files };
}
