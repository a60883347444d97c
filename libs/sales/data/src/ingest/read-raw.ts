import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rawFiles, type RawFileName } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { DataValidationError } from './data-validation-error.ts';

/**
 * Loads one raw Favorita file with every value as a string (no type guessing: the validator decides)
 * and checks that its header holds the expected columns.
 */
export async function readRawTable(dir: string, file: RawFileName): Promise<ColumnTable> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch {
    throw new DataValidationError(file, `missing from ${dir}. Generate a snapshot or copy the Kaggle file there.`);
  }
  const table = aq.fromCSV(text, { autoType: false });
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

/** The values of one column as strings ('' for blanks). */
export function stringColumn(table: ColumnTable, name: string): string[] {
  const out: string[] = new Array(table.numRows());
  let i = 0;
  for (const value of table.array(name) as Iterable<unknown>) out[i++] = value == null ? '' : String(value);
  return out;
}
