import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The model card: everything needed to trust, serve and reproduce a model. Written beside
 * model.onnx; the app checks it (and the ONNX checksum) before it turns ready.
 */
export const modelCardSchema = z.object({
  artifactVersion: z.literal(1),
  name: z.string().min(1),
  /** Content hash of the learned model: the same code, data and params give the same version. */
  modelVersion: z.string().min(1),
  /** Hash of code commit, data version and params: the run that made this model. */
  runId: z.string().min(1),
  createdAt: z.iso.datetime(),
  onnx: z.object({ file: z.string().min(1), sha256, bytes: z.number().int().positive() }),
  featureSchemaVersion: z.number().int().positive(),
  featureNames: z.array(z.string()).min(1),
  target: z.string().min(1),
  dataVersion: z.string().min(1),
  code: z.object({ commit: z.string().min(1), dirty: z.boolean() }),
  params: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
  training: z.record(z.string(), z.unknown()),
  /** Domain payload: encoders, lookup tables and whatever the feature module needs at serving time. */
  spec: z.unknown(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
