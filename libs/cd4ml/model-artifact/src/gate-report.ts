import { z } from 'zod';

/** One gate's verdict: the figure measured, the bar it was held to, and a sentence a person can act on. */
export const gateVerdictSchema = z.object({
  gate: z.string().min(1),
  passed: z.boolean(),
  /** NaN is written as null by JSON and always fails. */
  figure: z.number().nullable(),
  bar: z.number(),
  comparison: z.enum(['<=', '>=']),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * `gates.json`: what the gate stage writes beside a served model, and what the app reports as
 * the model's gate results. Defined here, once, for the writer and the reader.
 */
export const gateReportSchema = z.object({
  name: z.string().min(1),
  modelVersion: z.string().min(1),
  modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  dataVersion: z.string().min(1),
  passed: z.boolean(),
  results: z.array(gateVerdictSchema),
  candidate: z.object({ key: z.string(), dir: z.string() }).optional(),
});

export type GateVerdict = z.infer<typeof gateVerdictSchema>;
export type GateReportFile = z.infer<typeof gateReportSchema>;

/** File name of the gate report beside a served model. */
export const GATES_FILE = 'gates.json';
