import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '@cd4ml/cli';

/**
 * Imports the named export of a domain's module: a package module (`@acme/rentals-model/monitor`,
 * resolved from the workspace root through the package's `exports`, as a cd4ml.json declares it)
 * or a file path (tests, a one-off run). `check` says whether the export has the right shape.
 *
 * @param what e.g. "a MonitorDefinition of @cd4ml/monitoring", for the message when it does not
 */
export async function loadDefinition<T>(workspaceRoot: string, specifier: string, name: string, what: string, check: (value: unknown) => value is T): Promise<T> {
  let url: string;
  try {
    const file = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(specifier) : createRequire(join(workspaceRoot, 'package.json')).resolve(specifier);
    url = pathToFileURL(file).href;
  } catch (error) {
    throw new CliError('NO_DEFINITION', `cannot find the module ${specifier} from ${workspaceRoot}: ${(error as Error).message.split('\n')[0]}. A declaration names a package's export (its package.json "exports"), e.g. "@acme/rentals-model/monitor"; run npm install after adding one.`);
  }
  const module = (await import(url)) as Record<string, unknown>;
  const value = module[name];
  if (!check(value)) throw new CliError('NO_DEFINITION', `${specifier} has no export "${name}" that is ${what} (it exports: ${Object.keys(module).join(', ') || 'nothing'})`);
  return value;
}

/** True for an object that has every one of `keys`. */
export const hasKeys =
  <T>(...keys: string[]) =>
  (value: unknown): value is T =>
    typeof value === 'object' && value !== null && keys.every((k) => k in value);
