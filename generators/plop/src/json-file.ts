import { readFileSync } from 'node:fs';
import { FileError, fileErrorFrom, parseWith } from '@cd4ml/fs';
import { z } from 'zod';

/**
 * Reads a JSON file and parses it with `schema`, synchronously (prompts validate while the user
 * types). A missing, unreadable or malformed file is a `FileError` naming the file and the field.
 */
export function readJsonSync<S extends z.ZodType>(path: string, schema: S, what: string): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileErrorFrom(error, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FileError('FILE_INVALID', path, `${path} is not valid JSON (${(error as Error).message}); fix it first.`);
  }
  return parseWith(schema, json, path, what);
}

const jsonObject = z.record(z.string(), z.unknown());

/**
 * A JSON object to edit, as it is in the file: every key in its order, so writing it back with one
 * field changed leaves the rest of the file alone (a schema's parse output would reorder keys).
 * The generators edit JSON by reading it here, changing one field and writing it back whole with
 * `writeJsonAtomic` (2-space indent, trailing newline), never by editing its text.
 *
 * @param schema checks the whole file first, so a broken file is refused, naming the field
 */
export function readJsonForEdit(path: string, schema: z.ZodType, what: string): Record<string, unknown> {
  const raw = readJsonSync(path, jsonObject, what);
  parseWith(schema, raw, path, what);
  return raw;
}
