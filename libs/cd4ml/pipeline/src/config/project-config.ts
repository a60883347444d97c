import { z } from 'zod';
import { feedbackDeclarationSchema, monitorDeclarationSchema, releaseDeclarationSchema, simulateDeclarationSchema } from './operations-declarations.ts';
import { targetRefSchema as targetRef } from './target-ref.ts';

/** A stage name: lower-case words joined by dashes, the same vocabulary in every project (train, gate, ...). */
const stageName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a stage name is lower-case words joined by dashes, e.g. "train"');

const stageSchema = z.strictObject({
  /** One line for `nx show project`, the pipeline list and its report. */
  description: z.string().min(1),
  /**
   * The shell command, run from the workspace root. Placeholders:
   * `{projectRoot}`; `{out}` (this stage's output folder); `{<stage>}` or `{<project>:<stage>}`
   * (that stage's output folder: the stage runs first, and its `manifest.json` becomes a cache
   * input); `{<file>}` (an entry of `files`: hashed as an input); `{registry}`, `{store}`, `{runs}`
   * (the model's registry file, candidate store and run records, with `model` set).
   */
  command: z.string().min(1),
  /** The folder the stage writes, relative to the workspace root; it holds a `manifest.json` when later stages read it. */
  out: z.string().min(1).optional(),
  /** Stages that must pass first, without their output being an input (e.g. data tests before training). */
  after: z.array(targetRef).default([]),
  /** Set false for stages whose result must never be replayed from the cache. @default true */
  cache: z.boolean().default(true),
  /** A long-running stage, such as serving the app. */
  continuous: z.boolean().default(false),
});

/**
 * `cd4ml.json`: what a project of the layout declares about itself, and only that: its stages,
 * their commands, their data inputs and outputs, and its model's name. The Nx plugin infers the
 * targets from it (typecheck, test and lint come from the project's files), and the pipeline
 * runner reads the same declarations, so each stage is declared once.
 */
export const projectConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /**
   * The model this project trains, e.g. "rental-forecast": its registry file is
   * `registry/<model>.json`, its candidates are in `registry/store/<model>` and its run records in
   * `registry/runs`. Also adds the `registry` and `runs` targets (the platform's registry and
   * tracking CLIs).
   */
  model: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a model name is lower-case words joined by dashes').optional(),
  /** Committed files the stages read (params, baselines), by name; a stage that names one is rerun when it changes. */
  files: z.record(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/), z.string().min(1)).default({}),
  stages: z.record(stageName, stageSchema).default({}),
  /**
   * The app this project releases: the platform infers `build`, `package`, `deploy`, `smoke`,
   * `promote`, `rollback`, `shadow`, `attach` and `serve` from it.
   */
  release: releaseDeclarationSchema.optional(),
  /** How production's traffic is judged: infers `monitor` and `monitor-exporter`. Needs `release`. */
  monitor: monitorDeclarationSchema.optional(),
  /** Where production's outcomes go back into the data: infers `feedback`. Needs `release` and `monitor`. */
  feedback: feedbackDeclarationSchema.optional(),
  /** Weeks of production replayed against the real app: infers `simulate`. Needs `release`, `monitor` and `feedback`. */
  simulate: simulateDeclarationSchema.optional(),
  /**
   * Files the project's tests write for other stages, such as Pact files: outputs of its `test`
   * target, and cache inputs of every stage that runs `after` that target (e.g. a contract stage).
   */
  testWrites: z.array(z.string().min(1)).default([]),
});

export type ProjectConfig = z.infer<typeof projectConfigSchema>;
export type StageConfig = ProjectConfig['stages'][string];
/**
 * A stage as the plugin and the runner see it: declared, or inferred by the platform from a
 * declaration (then with the extra entry points and files whose change reruns it).
 */
export type Stage = StageConfig & { inferred?: { trace: string[]; inputs: string[] } };

/** File name of a project's declarations. */
export const PROJECT_CONFIG_FILE = 'cd4ml.json';
