import { CliError } from '@cd4ml/cli';

/**
 * The version of every third-party package a template's package.json names, in one place (the
 * platform's own packages are workspace packages, `*`). Templates call the `version` helper with a
 * name; a name missing here fails the generation instead of writing a package.json npm cannot install.
 */
const dependencyVersions = {
  '@commander-js/extra-typings': '^14.0.0',
  commander: '^14.0.3',
  express: '^5.3.0',
  '@types/express': '^5.0.0',
  zod: '^4.6.7',
} as const;

const pinned = new Map<string, string>(Object.entries(dependencyVersions));

/** The pinned range of `name`, or `*` for a platform package (`@cd4ml/*`, a workspace package). */
export function versionOf(name: string): string {
  if (name.startsWith('@cd4ml/')) return '*';
  const version = pinned.get(name);
  if (!version) throw new CliError('NO_PINNED_VERSION', `no pinned version for "${name}": add it to generators/plop/src/versions.ts`);
  return version;
}
