import { join } from 'node:path';
import { z } from 'zod';
import { ArtifactError } from './artifact-error.ts';
import { CARD_FILE, MODEL_FILE, type LoadedArtifact } from './model-artifact.ts';

/** File name of the holdout sample training writes into the artifact: inputs and what the exported model predicted for them. */
export const HOLDOUT_FILE = 'holdout.json';

/** Largest relative difference a replayed prediction may have: float32 noise, nothing a forecast could show. */
const DEFAULT_TOLERANCE = 1e-4;

/** `holdout.json`, for a domain's own input schema: `[{ input, expected, actual? }]`. */
export function holdoutSchema<T>(input: z.ZodType<T>): z.ZodType<{ input: T; expected: number; actual?: number }[]> {
  return z.array(z.object({ input, expected: z.number(), actual: z.number().optional() })).min(1, { error: 'the holdout sample is empty' });
}

/**
 * Replays the artifact's holdout sample through the caller's own serving path (its feature module
 * and its ONNX session) and compares the predictions with the ones training recorded. The
 * checksums prove that the files are the ones the manifest lists; the replay proves that together
 * they still compute what was trained, so a changed statistic in the card with a manifest rewritten
 * to match is caught before the model is declared ready.
 *
 * @param predict the serving path: the predictions, in the units training recorded, one per input
 * @param o.tolerance largest relative difference accepted @default 1e-4
 * @returns how many rows were replayed, and the largest difference seen
 * @throws ArtifactError `MODEL_INVALID` without a valid holdout file, `MODEL_CORRUPT` on a mismatch, naming the files
 */
export async function replayHoldout<S, T>(
  dir: string,
  artifact: LoadedArtifact<S>,
  input: z.ZodType<T>,
  predict: (inputs: T[]) => Promise<ArrayLike<number>>,
  o: { tolerance?: number } = {},
): Promise<{ rows: number; maxAbsDiff: number }> {
  const path = join(dir, HOLDOUT_FILE);
  const rows = artifact.json(HOLDOUT_FILE, holdoutSchema(input), 'holdout sample');
  if (!rows) throw new ArtifactError('MODEL_INVALID', `${dir} has no ${HOLDOUT_FILE} to replay before serving: retrain the model with this code.`);
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE;
  let got: ArrayLike<number>;
  try {
    got = await predict(rows.map((r) => r.input));
  } catch (error) {
    throw new ArtifactError('MODEL_CORRUPT', `${path} cannot be replayed through ${join(dir, MODEL_FILE)} with the features of ${join(dir, CARD_FILE)}: ${(error as Error).message}. Restore the artifact or retrain.`);
  }
  let maxAbsDiff = 0;
  const bad: number[] = [];
  rows.forEach((row, i) => {
    const diff = Math.abs((got[i] ?? NaN) - row.expected);
    if (!(diff <= tolerance * Math.max(1, Math.abs(row.expected)))) bad.push(i);
    if (diff > maxAbsDiff || Number.isNaN(diff)) maxAbsDiff = diff;
  });
  if (bad.length > 0) {
    const first = bad[0]!;
    throw new ArtifactError(
      'MODEL_CORRUPT',
      `${path}: replayed through ${join(dir, MODEL_FILE)} with the features of ${join(dir, CARD_FILE)}, ${bad.length} of ${rows.length} rows predict other values than training recorded ` +
        `(row ${first}: ${got[first]}, expected ${rows[first]!.expected}). One of these files changed after training, although the manifest matches them: restore the artifact or retrain.`,
    );
  }
  return { rows: rows.length, maxAbsDiff };
}
