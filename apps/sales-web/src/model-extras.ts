import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactError, GATES_FILE, gateReportSchema } from '@cd4ml/model-artifact';
import { z } from 'zod';

const recentActualsSchema = z.object({
  days: z.number(),
  lastDate: z.string(),
  stores: z.record(z.string(), z.record(z.string(), z.array(z.tuple([z.string(), z.number()])))),
});

/** The optional files beside the model: gate verdicts and recent actuals per store and item. */
export interface ModelExtras {
  /** The gate stage's report (every gate's verdict), or null when the gate stage has not run on this model. */
  gates: z.infer<typeof gateReportSchema> | null;
  /** Recent daily actuals for charts; null when the artifact has none. */
  recentActuals: z.infer<typeof recentActualsSchema> | null;
}

/** Reads and validates `gates.json` and `recent-actuals.json` in `dir`; a missing file is null, a broken one an error. */
export async function loadModelExtras(dir: string): Promise<ModelExtras> {
  return {
    gates: await readOptional(dir, GATES_FILE, gateReportSchema),
    recentActuals: await readOptional(dir, 'recent-actuals.json', recentActualsSchema),
  };
}

async function readOptional<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.infer<S> | null> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ArtifactError('MODEL_CORRUPT', `${join(dir, file)} is not valid JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new ArtifactError('MODEL_CORRUPT', `${join(dir, file)} is malformed: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
