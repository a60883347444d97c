import { basename, resolve } from 'node:path';
import validateName from 'validate-npm-package-name';

/** The templates the scaffolder knows, the first being the default. */
export const templateNames = ['minimal', 'sales-forecasting'] as const;
export type TemplateName = (typeof templateNames)[number];

export const templateDescriptions: Record<TemplateName, string> = {
  minimal: 'daily bike rentals against weather: a small second domain on the same platform (reads in ten minutes)',
  'sales-forecasting': 'the reference: grocery sales forecasting on the Kaggle Favorita schema, as used in workshops',
};

/** What the user asked for, before defaults: from flags, then from prompts. */
export interface RawOptions {
  directory?: string;
  name?: string;
  template?: string;
  yes: boolean;
  install: boolean;
  git: boolean;
  dryRun: boolean;
  json: boolean;
  force: boolean;
}

/** Normalised options: everything the scaffold needs, checked. */
export interface Options {
  /** Absolute target folder. */
  directory: string;
  /** The npm package name of the new workspace, e.g. "demo" or "@acme/demo". */
  name: string;
  /** The npm scope of its own packages, e.g. "@demo" or "@acme". */
  scope: string;
  template: TemplateName;
  install: boolean;
  git: boolean;
  dryRun: boolean;
  json: boolean;
  force: boolean;
}

export const DEFAULT_NAME = 'my-cd4ml-project';

/** A problem with the options, with a code scripts can match (`--json`). */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
  constructor(
    readonly code: 'INVALID_NAME' | 'UNKNOWN_TEMPLATE' | 'MISSING_OPTIONS',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a project name against npm's package-name rules. Invalid names come back with the rules
 * they break and a valid name close to what was typed.
 */
export function checkProjectName(name: string): { ok: true } | { ok: false; problems: string[]; suggestion: string } {
  const result = validateName(name);
  if (result.validForNewPackages) return { ok: true };
  return { ok: false, problems: [...(result.errors ?? []), ...(result.warnings ?? [])], suggestion: suggestName(name) };
}

/** A valid npm name made from what was typed: lower case, dashes for anything else, no leading dot or underscore. */
export function suggestName(input: string): string {
  const scoped = /^@([^/]+)\/(.+)$/.exec(input);
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9._~-]+/g, '-')
      .replace(/^[._-]+|[-]+$/g, '')
      .slice(0, 200) || DEFAULT_NAME;
  return scoped ? `@${clean(scoped[1]!)}/${clean(scoped[2]!)}` : clean(input);
}

/** Turns raw options into checked ones; `directory` defaults to the unscoped name, the name to the folder's. */
export function normaliseOptions(raw: RawOptions & { name: string; template: string }, cwd = process.cwd()): Options {
  const check = checkProjectName(raw.name);
  if (!check.ok) throw new OptionsError('INVALID_NAME', `"${raw.name}" is not a valid npm package name (${check.problems.join('; ')}). Try "${check.suggestion}".`);
  if (!(templateNames as readonly string[]).includes(raw.template)) {
    throw new OptionsError('UNKNOWN_TEMPLATE', `unknown template "${raw.template}"; choose one of: ${templateNames.join(', ')}`);
  }
  const scoped = /^(@[^/]+)\/(.+)$/.exec(raw.name);
  const bare = scoped ? scoped[2]! : raw.name;
  return {
    directory: resolve(cwd, raw.directory ?? bare),
    name: raw.name,
    scope: scoped ? scoped[1]! : `@${bare}`,
    template: raw.template as TemplateName,
    install: raw.install,
    git: raw.git,
    dryRun: raw.dryRun,
    json: raw.json,
    force: raw.force,
  };
}

/** The name a folder suggests, when only a folder was given. */
export function nameFromDirectory(directory: string): string {
  return basename(resolve(directory));
}
