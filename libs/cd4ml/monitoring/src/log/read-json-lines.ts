import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileErrorFrom } from '@cd4ml/fs';
import { z } from 'zod';

/** A line that was not read, and why: a torn last line (a write that never finished), or one that does not match the schema. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: string;
}

/**
 * The files of a log that is rotated by size (`x.jsonl.1` is the newest rotated file), oldest
 * first: `x.jsonl.<n>` … `x.jsonl.1`, then `x.jsonl`. Missing files are left out.
 */
export async function rotatedLogFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(path)}.`;
  const rotated = (await readdir(dir))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ name, n: Number(name.slice(prefix.length)) }))
    .sort((a, b) => b.n - a.n)
    .map((f) => join(dir, f.name));
  return [...rotated, ...(existsSync(path) ? [path] : [])];
}

/**
 * Reads JSON lines, each parsed with `schema`. A torn last line (no line end: a writer killed in
 * the middle of it) and every line that is not JSON or does not match are skipped and reported,
 * never merged and never fatal. A file that cannot be read at all is a `FileError` naming it.
 *
 * @param onRow gets each valid row, in file order, with where it came from
 */
export async function readJsonLines<S extends z.ZodType>(file: string, schema: S, onRow: (row: z.infer<S>, where: { file: string; line: number }) => void): Promise<SkippedLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw fileErrorFrom(error, file);
  }
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  const torn = text !== '' && !text.endsWith('\n');
  if (!torn) lines.pop(); // the empty string after the last line end
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (torn && i === lines.length - 1) {
      skipped.push({ file, line, reason: `torn last line (${raw.length} bytes without a line end): a write that never finished` });
      return;
    }
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      skipped.push({ file, line, reason: 'not JSON' });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) onRow(parsed.data, { file, line });
    else skipped.push({ file, line, reason: z.prettifyError(parsed.error).replace(/\n\s*/g, ' ') });
  });
  return skipped;
}
