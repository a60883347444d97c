import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '@cd4ml/cli';
import type { ActionType, AddManyActionConfig, NodePlopAPI } from 'node-plop';
import { readWorkspace, type Workspace } from './workspace.ts';

/** Answers as plop and the CLI collect them: raw strings and booleans, keyed by question name. */
export type Answers = Record<string, unknown>;

/** One question of a generator: a prompt of `npx plop`, and the flag `--<name>` of `npm run generate`. */
export interface Question {
  type: 'input' | 'confirm';
  name: string;
  message: string;
  /** A value that would do, for the help and the missing-flags message. */
  example: string;
  /** Taken when the flag is not given; a question without one must be answered. */
  default?: string | boolean;
  /** `true`, or what is wrong with the value (given the answers before it). */
  validate?: (value: string, answers: Answers) => true | string;
}

/**
 * A generator in the fixed order: its questions (the option schema, with prompts), how validated
 * raw answers become the normalised options the templates use, and the actions those options take
 * (templates on disk first, edits of existing files and the next steps last).
 */
export interface GeneratorSpec<O> {
  description: string;
  questions: (workspace: () => Workspace) => Question[];
  normalise: (answers: Answers, workspace: Workspace) => O;
  actions: (options: O, workspace: Workspace) => ActionType[];
}

/** Where the templates of each generator live: `generators/plop/templates/<generator>/`. */
export const TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

/**
 * The extension of a template file, dropped when it is written. Not plop's usual `.hbs`: the
 * scaffolder renders `.hbs` files when it writes a new workspace, and these must arrive there as
 * they are, to be rendered later by the workspace's own generators.
 */
export const TEMPLATE_EXTENSION = 'handlebars';

/**
 * Registers a generator with plop. The workspace is read afresh for every check; the answers are
 * checked again before any action runs, whoever collected them (plop's prompts, its bypass
 * arguments, or our CLI).
 */
export function registerGenerator<O>(plop: NodePlopAPI, name: string, spec: GeneratorSpec<O>): void {
  const workspace = () => readWorkspace(plop.getDestBasePath());
  const questions = spec.questions(workspace);
  plop.setGenerator(name, {
    description: spec.description,
    prompts: questions.map((q) => ({
      ...q,
      ...(q.type === 'input' ? { filter: (value: string) => value.trim() } : {}),
      ...(q.validate ? { validate: (value: unknown, answers?: Answers) => check(q, value, answers ?? {}) } : {}),
    })),
    actions: (answers) => {
      const raw = answers ?? {};
      const problems = questions.map((q) => check(q, raw[q.name] ?? q.default ?? '', raw)).filter((p) => p !== true);
      if (problems.length > 0) throw new CliError('INVALID_ANSWERS', `${name}: ${problems.join('; ')}`);
      const ws = workspace();
      return spec.actions(spec.normalise(raw, ws), ws);
    },
  });
}

/** Runs a question's validation; an error reading the workspace is an answer too, not a crash. */
export function check(q: Question, value: unknown, answers: Answers): true | string {
  if (!q.validate || q.type === 'confirm') return true;
  try {
    return q.validate(typeof value === 'string' ? value.trim() : String(value), answers);
  } catch (error) {
    return (error as Error).message;
  }
}

/** A raw answer known to be a string (validated before normalising). */
export const text = (answers: Answers, key: string): string => (typeof answers[key] === 'string' ? answers[key].trim() : '');

/** The relative path from a project folder up to the workspace root, e.g. "../../..". */
export const upToRoot = (folder: string): string => folder.split('/').map(() => '..').join('/');

/** A new project's name and folder must be free: refuses a taken Nx name, npm package name or folder. */
export function checkFree(ws: Workspace, name: string, folder: string): true | string {
  const taken = ws.projects.get(name);
  if (taken) return `a project named ${name} already exists (${taken.root})`;
  const pkg = [...ws.projects.values()].find((p) => p.packageName === `${ws.scope}/${name}`);
  if (pkg) return `the package ${ws.scope}/${name} already exists (${pkg.root})`;
  if (existsSync(join(ws.root, folder))) return `${folder} already exists: choose another name or remove it`;
  return true;
}

/** Plop's own addMany: every file of `templates/<template>/`, placeholders rendered in names and contents, `.handlebars` dropped. */
export function addTemplates(template: string, destination: string, data: object): AddManyActionConfig {
  const base = join(TEMPLATES, template);
  // addMany names each file's path itself; its type still asks for one.
  return { type: 'addMany', path: destination, destination, base, templateFiles: `${base}/**/*`, globOptions: { dot: true }, stripExtensions: [TEMPLATE_EXTENSION], data, abortOnFail: true, verbose: true };
}

/** The last lines a generator prints: what to run next, each after a comment saying why (a shell could run them as they are). */
export const nextSteps = (commands: readonly [string, string][]): string[] => ['Next:', ...commands.flatMap(([command, why]) => [`  # ${why}`, `  ${command}`])];
