import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FileError, fileErrorFrom } from './file-error.ts';
import { recoverDir } from './replace-dir.ts';

/** What to call the file in messages, and what to do when it is missing. */
export interface ReadOptions {
  /** e.g. "model card": "x.json is not a valid model card". @default "file" */
  what?: string;
  /** Appended to the "does not exist" message, e.g. "Run the train stage first: npx nx run my-model:train". */
  missingHint?: string;
}

/**
 * Reads a text file; a missing or unreadable file is a {@link FileError} naming the path. When the
 * file is missing because a writer was killed in the middle of swapping its folder, the folder's
 * previous content is put back first ({@link recoverDir}), so a reader sees the old folder or the
 * new one, never nothing.
 */
export async function readTextFile(path: string, options: ReadOptions = {}): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await recoverDir(dirname(path)))) return readTextFile(path, options);
    throw fileErrorFrom(error, path, options.missingHint);
  }
}

/**
 * Reads a JSON file and parses it with `schema`. Every problem is reported at once, by field, in
 * zod's own format, and the message names the file:
 *
 * ```
 * registry/rental-forecast.json is not a valid registry file:
 * ✖ Invalid input: expected string, received number
 *   → at aliases.champion.key
 * ```
 *
 * @example const card = await readJsonFile(join(dir, 'model.json'), modelCardSchema, { what: 'model card' })
 */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, options: ReadOptions = {}): Promise<z.infer<S>> {
  const text = await readTextFile(path, options);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FileError('FILE_INVALID', path, `${path} is not valid JSON (${(error as Error).message}). Restore or regenerate the file.`);
  }
  return parseWith(schema, json, path, options.what);
}

/** Like {@link readJsonFile}, for YAML files (params, configuration). */
export async function readYamlFile<S extends z.ZodType>(path: string, schema: S, options: ReadOptions = {}): Promise<z.infer<S>> {
  const text = await readTextFile(path, options);
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new FileError('FILE_INVALID', path, `${path} is not valid YAML: ${(error as Error).message}`);
  }
  return parseWith(schema, value, path, options.what);
}

/**
 * Parses an already-read value with `schema`; a mismatch is a {@link FileError} that names `path`
 * and every bad field (zod's `prettifyError`).
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, path: string, what = 'file'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FileError('FILE_INVALID', path, `${path} is not a valid ${what}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
