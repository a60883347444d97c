import { gateResultSchema } from '@cd4ml/evaluation';
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/**
 * `gates.json`: what the gate stage writes beside a served model and into the registry, and what
 * the app reports as the model's gate results. Defined here, once, for the writer and the readers.
 */
export const gateReportSchema = z.object({
  name: z.string().min(1),
  modelVersion: z.string().min(1),
  modelSha256: sha256,
  /** The primary metric on the validation window: what the registry and the ratchet compare. */
  metric: z.object({ name: z.string().min(1), value: z.number() }),
  rawDataVersion: sha256,
  processedDataVersion: sha256,
  passed: z.boolean(),
  results: z.array(gateResultSchema),
  candidate: z.object({ key: sha256, dir: z.string() }).optional(),
});

export type GateReport = z.infer<typeof gateReportSchema>;

/** File name of the gate report beside a served model. */
export const GATES_FILE = 'gates.json';
