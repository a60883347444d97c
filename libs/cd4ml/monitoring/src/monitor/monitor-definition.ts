import type { z } from 'zod';
import type { MonitorDomain } from './monitor-domain.ts';

/**
 * What a domain exports for the platform's monitor, from the module its app's cd4ml.json names
 * (`monitor.module`): how the served model's card spec is read, and the domain made from it.
 * The bars are not here: they are the file `monitor.settings` names, so editing a bar is no code change.
 *
 * @example export const monitor = defineMonitor({ spec: featureSpecSchema, domain: (spec) => ({ keys, policy, slices, retrainHint }) });
 */
export interface MonitorDefinition<S extends z.ZodType = z.ZodType> {
  /** The schema of the model card's `spec` (e.g. the catalogue the slices look items up in). */
  spec: S;
  /** Keys, primary metric, slices, row weights and the retraining hint, for one served model. */
  domain: (spec: z.infer<S>) => MonitorDomain;
}

/** Types a domain's monitor definition (an identity function, so `domain` gets its spec's type). */
export function defineMonitor<S extends z.ZodType>(definition: MonitorDefinition<S>): MonitorDefinition<S> {
  return definition;
}
