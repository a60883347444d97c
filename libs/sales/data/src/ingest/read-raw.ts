import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type FileError, fileErrorFrom } from '@cd4ml/fs';
import { rawFiles, type RawFileName } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { DataValidationError } from '../data-validation-error.ts';

/**
 * Loads one raw Favorita file with every value as a string (no type guessing: the validator decides)
 * and checks that its header holds the expected columns. A byte-order mark is stripped.
 */
export async function readRawTable(dir: string, file: RawFileName): Promise<ColumnTable> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    throw rawFileError(error, dir, file);
  }
  const table = aq.fromCSV(text.replace(/^\uFEFF/, ''), { autoType: false });
  const columns = table.columnNames();
  const missing = rawFiles[file].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new DataValidationError(
      file,
      `missing column(s) ${missing.join(', ')}; expected header ${rawFiles[file].join(',')} but found ${columns.join(',')}.`,
    );
  }
  return table;
}

/**
 * Checks that each file can be read before anything reads it, so that a file that exists but cannot
 * be read is reported as such, never as missing.
 *
 * @throws the error of {@link rawFileError} for the first file that cannot be read
 */
export async function assertReadable(dir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const path = join(dir, file);
    try {
      await access(path, constants.R_OK);
      if ((await stat(path)).isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    } catch (error) {
      throw rawFileError(error, dir, file);
    }
  }
}

/**
 * What to tell the user about a raw file that could not be read: a missing file is a
 * {@link DataValidationError} that says where to get it; any other failure (permission denied, a
 * directory) is a `FileError` that names the path and never says "missing".
 */
export function rawFileError(error: unknown, dir: string, file: string): DataValidationError | FileError {
  const problem = fileErrorFrom(error, join(dir, file));
  if (problem.code === 'FILE_MISSING') return new DataValidationError(file, `missing from ${dir}. Generate a snapshot or copy the Kaggle file there.`);
  return problem;
}

/** The values of one column as strings ('' for blanks). */
export function stringColumn(table: ColumnTable, name: string): string[] {
  const out: string[] = new Array<string>(table.numRows());
  let i = 0;
  for (const value of table.array(name) as Iterable<string | null | undefined>) out[i++] = value ?? '';
  return out;
}
