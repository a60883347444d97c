import { z } from 'zod';

const path = z.string().regex(/^\/\S*$/, 'an absolute URL path, e.g. "/health"');
const field = z.string().regex(/^[A-Za-z_][\w]*$/, 'a JSON field name');

/**
 * `app.json`: how the platform starts an app's release and checks it, written by the app's build
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
  smoke: z.strictObject({
    /** Liveness: 200 when the process is up. */
    health: path,
    /** Readiness: 200 when the model is loaded and verified. */
    ready: path,
    /** Model info: a JSON object whose `versionField` is the model version served. */
    model: z.strictObject({ path, versionField: field }),
    /**
     * The holdout replay: POST `{ [requestField]: [input, ...] }` to `path` answers
     * `{ [answersField]: [{ [valueField]: number }, ...], [versionField]: string }` in request order.
     */
    replay: z.strictObject({
      path,
      requestField: field,
      answersField: field,
      valueField: field,
      versionField: field,
      maxRows: z.number().int().min(1).default(1000),
      /** The answers are rounded to this step (0.01: cents); half of it is added to the parity tolerance. */
      rounding: z.number().nonnegative().default(0),
    }),
  }),
});
export type AppDescriptor = z.infer<typeof appDescriptorSchema>;
export type AppDescriptorInput = z.input<typeof appDescriptorSchema>;

/** File name of the descriptor in an app's build output and in a release. */
export const APP_DESCRIPTOR_FILE = 'app.json';
