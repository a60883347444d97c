import { z } from 'zod';

/**
 * The loosest parity bar a gate may set: an export further from the in-process model than this is
 * broken whatever the bars say, so a trainer can refuse to write it without reading the gate bars.
 */
export const MAX_PARITY_TOLERANCE = 0.01;

/**
 * The gate settings: a domain's gate bars file (`gates.yaml`), checked when the file is read. It is
 * a file of its own, read by the gate stage only, so that changing a bar never retrains a model.
 */
export const gateSettingsSchema = z.strictObject({
  /** Highest acceptable primary metric on the validation window. */
  maxError: z.number().positive(),
  /** Fraction by which the model must beat the reference baseline, e.g. 0.1 = 10% lower error. */
  minImprovementOverBaseline: z.number().min(0).max(1),
  /** Fraction by which it must beat the strongest baseline, so that a simple average cannot pass. */
  minImprovementOverBestBaseline: z.number().min(0).max(1),
  /** Ratchet: no worse than the champion, re-scored on the same holdout, by more than this fraction. */
  ratchetTolerance: z.number().min(0).max(1),
  fairness: z.strictObject({
    /** Slices with fewer validation rows are reported but not gated. */
    minRows: z.number().int().positive(),
    /** Each slice's primary metric may be at most this multiple of the overall one. */
    maxErrorRatio: z.number().min(1),
    /** Largest acceptable |mean signed log error| of a slice. */
    maxAbsBias: z.number().positive(),
  }),
  /** Largest |exported − in-process| prediction on the whole holdout (float32 rounding). */
  parityTolerance: z.number().positive().max(MAX_PARITY_TOLERANCE),
});

export type GateSettings = z.infer<typeof gateSettingsSchema>;
