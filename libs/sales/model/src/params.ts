import { FileError, readYamlFile } from '@cd4ml/fs';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const fraction = z.number().gt(0).max(1);

/**
 * `params.yaml`: the model's hyperparameters, all that train reads of the settings (the gates' bars
 * are in `gates.yaml`, the monitor's in `monitoring.yaml`, so changing a bar never retrains).
 */
export const paramsSchema = z.strictObject({
  model: z.strictObject({
    algorithm: z.enum(['gbt', 'forest']),
    gbt: z.strictObject({
      nEstimators: positiveInt,
      learningRate: z.number().gt(0).max(1),
      maxDepth: positiveInt,
      maxLeaves: z.number().int().min(2),
      minSamplesLeaf: positiveInt,
      lambdaL2: z.number().nonnegative(),
      subsample: fraction,
      colsample: fraction,
      maxBins: z.number().int().min(2).max(255),
      earlyStoppingRounds: z.number().int().nonnegative(),
      /** Days at the end of the training window that early stopping watches (the model is fit on the days before). */
      earlyStoppingDays: z.number().int().positive(),
      seed: z.number().int(),
    }),
    forest: z.strictObject({
      nEstimators: positiveInt,
      maxDepth: positiveInt,
      maxLeaves: z.number().int().min(2),
      minSamplesLeaf: positiveInt,
      sampleFraction: fraction,
      colsample: fraction,
      maxBins: z.number().int().min(2).max(255),
      seed: z.number().int(),
    }),
  }),
});

export type Params = z.infer<typeof paramsSchema>;

export class ParamsError extends Error {
  override readonly name = 'ParamsError';
  readonly code = 'PARAMS_INVALID';
}

/** Reads the params file and checks it when read, listing every problem at once, by field. */
export async function readParams(path: string): Promise<Params> {
  try {
    return await readYamlFile(path, paramsSchema, { what: 'params file' });
  } catch (error) {
    if (error instanceof FileError) throw new ParamsError(error.message);
    throw error;
  }
}
