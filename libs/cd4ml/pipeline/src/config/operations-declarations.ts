import { z } from 'zod';
import { qualifiedRefSchema, targetRefSchema } from './target-ref.ts';

const urlPath = z.string().regex(/^\/\S*$/, 'an absolute URL path, e.g. "/health"');
const field = z.string().regex(/^[A-Za-z_]\w*$/, 'a JSON field name');
const projectFile = z.string().regex(/^(?!\/)(?!.*\.\.)\S+$/, 'a path inside the project, e.g. "src/main.ts"');
const workspaceFile = z.string().regex(/^(?!\/)(?!.*\.\.)\S+$/, 'a path inside the workspace, e.g. "libs/x/model/monitoring.yaml"');
/** A module of a workspace package, imported by name through its `exports`, e.g. "@acme/rentals-model/monitor". */
const packageModule = z
  .string()
  .regex(/^(@[a-z0-9][a-z0-9-._]*\/)?[a-z0-9][a-z0-9-._]*(\/(?!\.{1,2}(\/|$))[a-zA-Z0-9-._]+)*$/, 'a package module, e.g. "@acme/rentals-model/monitor" (never a path)')
  .refine((m) => !/\/src\//.test(`${m}/`), "a package module through the package's exports, e.g. \"@acme/rentals-model/monitor\", never its src/ folder");

/**
 * How a release is smoke-tested once it serves: liveness, readiness, the model it reports, and the
 * model's holdout replayed through the app: POST `{ [requestField]: [input, ...] }` to `path`
 * answers `{ [answersField]: [{ [valueField]: number }, ...], [versionField]: string }` in request order.
 */
export const smokeDeclarationSchema = z.strictObject({
  /** Liveness: 200 when the process is up. @default "/health" */
  health: urlPath.default('/health'),
  /** Readiness: 200 when the model is loaded and verified. @default "/ready" */
  ready: urlPath.default('/ready'),
  /** Model info: a JSON object whose `versionField` is the model version served. @default { path: "/api/v1/model", versionField: "modelVersion" } */
  model: z.strictObject({ path: urlPath, versionField: field }).default({ path: '/api/v1/model', versionField: 'modelVersion' }),
  replay: z.strictObject({
    path: urlPath,
    requestField: field,
    answersField: field,
    valueField: field,
    versionField: field,
    maxRows: z.number().int().min(1).default(1000),
    /** The answers are rounded to this step (0.01: cents); half of it is added to the parity tolerance. */
    rounding: z.number().nonnegative().default(0),
  }),
});

/**
 * `release`: the app this project ships, and the gated model it serves. Every release target is
 * inferred from it; the app accepts the platform's standard serving options (`@cd4ml/serving`).
 */
export const releaseDeclarationSchema = z.strictObject({
  /** The stage whose output is the gated model this app serves, e.g. "rentals-model:gate". */
  model: qualifiedRefSchema,
  /** Stages that must pass before a release is made, e.g. the contract tests: "contract". */
  after: z.array(targetRefSchema).default([]),
  /** The server's entry point. @default "src/main.ts" */
  entry: projectFile.default('src/main.ts'),
  /** Folders or files copied into the release as they are: project path -> path beside the bundle (static files). */
  assets: z.record(projectFile, projectFile).default({}),
  /** Browser scripts bundled into the release: project path of the entry -> path beside the bundle (a UI's script). */
  browser: z.record(projectFile, projectFile).default({}),
  smoke: smokeDeclarationSchema,
});

/** `monitor`: the domain's monitor definition (keys, slices, primary metric) and the file of its bars. */
export const monitorDeclarationSchema = z.strictObject({
  /** A module exporting `monitor` (a `MonitorDefinition` of `@cd4ml/monitoring`). */
  module: packageModule,
  /** The monitoring bars and windows (the `monitorSettingsSchema` of `@cd4ml/monitoring`), workspace-relative. */
  settings: workspaceFile,
});

/** `feedback`: the domain's outcome columns, and the snapshot the next pipeline run folds in. */
export const feedbackDeclarationSchema = z.strictObject({
  /** A module exporting `feedback` (a `FeedbackDefinition` of `@cd4ml/monitoring`). */
  module: packageModule,
  /** The feedback snapshot's manifest, e.g. "data/feedback/default.manifest.json": an input of the stage that folds it in. */
  out: workspaceFile.regex(/\.manifest\.json$/, 'a manifest named <name>.manifest.json'),
});

/** `simulate`: the domain's world and the changes it can inject. */
export const simulateDeclarationSchema = z.strictObject({
  /** A module exporting `simulation` (a `SimulationDefinition` of `@cd4ml/operations`). */
  module: packageModule,
});

export type ReleaseDeclaration = z.infer<typeof releaseDeclarationSchema>;
export type SmokeDeclaration = z.infer<typeof smokeDeclarationSchema>;
export type SmokeDeclarationInput = z.input<typeof smokeDeclarationSchema>;
