import { smokeDeclarationSchema } from '@cd4ml/pipeline/declarations';
import { z } from 'zod';

/**
 * `app.json`: how the platform starts an app's release and checks it, written by the build stage
 * into its output and carried inside every release. The platform knows nothing of the domain: it
 * reads these fields and the model's holdout sample.
 */
export const appDescriptorSchema = z.strictObject({
  /** The app's name, e.g. "my-app". */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /**
   * Arguments for `node`, run from the release folder. Placeholders: `{release}` (the release
   * folder), `{model}` (its model folder), `{port}`, `{instance}` (a folder of this one process:
   * logs) and `{data}` (the environment's data folder: what the app appends to, shared by the
   * releases that serve in turn; a shadow gets its own).
   */
  start: z.array(z.string().min(1)).min(1),
  /** Files of the workspace the app needs at run time besides its bundle (native modules), workspace-relative: copied into the release at the same path. */
  runtime: z.array(z.string().min(1)).default([]),
  /** How a release is smoke-tested (the app's `release.smoke` declaration in its cd4ml.json). */
  smoke: smokeDeclarationSchema,
});
export type AppDescriptor = z.infer<typeof appDescriptorSchema>;
export type AppDescriptorInput = z.input<typeof appDescriptorSchema>;

/** File name of the descriptor in an app's build output and in a release. */
export const APP_DESCRIPTOR_FILE = 'app.json';
