import { dayNumber, dayOfWeek } from '@cd4ml/calendar';
import { isHoliday } from '@minimal/rentals-data';
import { z } from 'zod';

// The ONE feature module: training builds its matrix here and the app builds each request's row
// here, so the two cannot drift apart. Imported by the app as `@minimal/rentals-model/features`.

/** Model inputs, in column order. Wind is in the data but not here: a forecast request carries temperature and precipitation only. */
export const featureNames = ['station', 'day_of_week', 'holiday', 'month', 'temperature', 'precipitation'] as const;
/** Bump when a feature is added, removed or computed differently: a model built for another version is refused at load. */
export const featureSchemaVersion = 1;

/** What the features need at serving time, shipped in the model card: the stations the model knows, in code order. */
export const featureSpecSchema = z.object({ stations: z.array(z.string().min(1)).min(1) });
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

export interface FeatureInput {
  date: string;
  station: string;
  temperature: number;
  precipitation: number;
}

export class UnknownStationError extends Error {
  override readonly name = 'UnknownStationError';
  readonly code = 'UNKNOWN_STATION';
}

/** The spec, fit on training rows only. */
export const createFeatureSpec = (train: readonly FeatureInput[]): FeatureSpec => ({ stations: [...new Set(train.map((r) => r.station))].sort() });

/**
 * The code of a station the model knows (its place in the spec); throws UnknownStationError naming the known ones.
 * @param where prefixes the message, e.g. `rows[2]: ` in a batch
 */
export function stationCode(spec: FeatureSpec, station: string, where = ''): number {
  const code = spec.stations.indexOf(station);
  if (code < 0) throw new UnknownStationError(`${where}unknown station "${station}": the model knows ${spec.stations.join(', ')}`);
  return code;
}

/** One row of features per input, row-major float32: what the trainer and onnxruntime both take. */
export function featureMatrix(spec: FeatureSpec, inputs: readonly FeatureInput[]): { values: Float32Array; nRows: number; nCols: number } {
  const nCols = featureNames.length;
  const values = new Float32Array(inputs.length * nCols);
  inputs.forEach((input, r) => {
    values.set([stationCode(spec, input.station), dayOfWeek(dayNumber(input.date)), isHoliday(input.date) ? 1 : 0, Number(input.date.slice(5, 7)), input.temperature, input.precipitation], r * nCols);
  });
  return { values, nRows: inputs.length, nCols };
}
