import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const fraction = z.number().gt(0).max(1);

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
  gates: z.strictObject({
    maxNwrmsle: z.number().positive(),
    minImprovementOverNaive: z.number().min(0).max(1),
    ratchetTolerance: z.number().min(0).max(1),
    fairness: z.strictObject({
      minRows: positiveInt,
      maxErrorRatio: z.number().min(1),
      maxAbsBias: z.number().positive(),
    }),
    parityTolerance: z.number().positive().max(0.01),
  }),
});

export type Params = z.infer<typeof paramsSchema>;

export class ParamsError extends Error {
  override readonly name = 'ParamsError';
  readonly code = 'PARAMS_INVALID';
}

/** Reads the params file and checks it when read, listing every problem at once. */
export async function readParams(path: string): Promise<Params> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ParamsError(`params file ${path} not found`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ParamsError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = paramsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ParamsError(`${path} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
