import { metricSetSchema } from '@cd4ml/evaluation';
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** The card's metrics: the primary metric's name and how it is defined, the model's metrics and the baselines', on the same rows. */
export const cardMetricsSchema = z.object({
  /** Name of the primary metric in every set, e.g. "wrmsle". */
  primary: z.string().min(1),
  /** Its label in reports, e.g. "WRMSLE". */
  label: z.string().min(1),
  description: z.string(),
  /** The exported model on the validation window. */
  validation: metricSetSchema,
  /** Baselines on the same rows, by name (e.g. seasonalNaive, itemMean). */
  baselines: z.record(z.string(), metricSetSchema),
  /** The baseline the gates name as the reference. */
  referenceBaseline: z.string().min(1),
  /** Largest |exported − in-process| prediction on the validation window. */
  parityMaxAbsDiff: z.number().nonnegative(),
});

/** How the model was trained: sizes, time and what the trainer reported. */
export const cardTrainingSchema = z.object({
  algorithm: z.string().min(1),
  trainRows: z.number().int().nonnegative(),
  /** Rows the trees were fit on (the training window minus the early-stopping days). */
  fitRows: z.number().int().nonnegative(),
  earlyStoppingRows: z.number().int().nonnegative(),
  validRows: z.number().int().nonnegative(),
  trees: z.number().int().nonnegative(),
  bestIteration: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  fitMs: z.number().nonnegative(),
  learningCurve: z.array(z.object({ iteration: z.number().int(), trainRmse: z.number(), validRmse: z.number().optional() })),
  featureImportance: z.record(z.string(), z.number()),
  trainWindow: z.object({ start: z.string(), end: z.string() }).optional(),
  validWindow: z.object({ start: z.string(), end: z.string() }).optional(),
});

/**
 * The model card: everything needed to trust, serve and reproduce a model. Written beside
 * model.onnx; every reader parses it with this schema, and the domain's `spec` with its own.
 */
export const modelCardSchema = z.object({
  artifactVersion: z.literal(2),
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
  /** The raw snapshot the model learned from: its manifest's data version. */
  rawDataVersion: sha256,
  /** The processed tables (train/valid split) it was fit and measured on: their manifest's data version. */
  processedDataVersion: sha256,
  code: z.object({ commit: z.string().min(1), dirty: z.boolean() }),
  params: z.record(z.string(), z.unknown()),
  metrics: cardMetricsSchema,
  training: cardTrainingSchema,
  /** Domain payload: encoders and lookup tables the feature module needs at serving time; checked with the domain's schema. */
  spec: z.unknown(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
export type CardMetrics = z.infer<typeof cardMetricsSchema>;
export type CardTraining = z.infer<typeof cardTrainingSchema>;
