import { gateSettingsSchema } from '@cd4ml/evaluation';
import { readYamlFile } from '@cd4ml/fs';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const fraction = z.number().gt(0).max(1);

/** `params.yaml`: the trainer's hyperparameters, all that train reads (the gates' bars are in `gates.yaml`). */
const paramsSchema = z.strictObject({
  model: z.strictObject({
    nEstimators: positiveInt,
    learningRate: fraction,
    maxDepth: positiveInt,
    maxLeaves: z.number().int().min(2),
    minSamplesLeaf: positiveInt,
    lambdaL2: z.number().nonnegative(),
    subsample: fraction,
    colsample: fraction,
    maxBins: z.number().int().min(2).max(255),
    seed: z.number().int(),
  }),
});

/** Reads and checks the params file; every problem is listed at once, by field. */
export const readParams = (path: string) => readYamlFile(path, paramsSchema, { what: 'params file' });

/** Reads and checks `gates.yaml`, the bars the gate stage judges by (the platform's schema); every problem is listed at once, by field. */
export const readGateSettings = (path: string) => readYamlFile(path, gateSettingsSchema, { what: 'gate settings file' });
