import { fileErrorFrom } from '@cd4ml/fs';
import { csvLines, parseCsvLine } from '../csv-lines.ts';
import type { ColumnRule } from './column-rules.ts';

/** How a table written by an earlier stage is named in errors, and what to do about one. */
export interface TableContract {
  /** The contract the file must follow, e.g. "rentals table contract v1". */
  name: string;
  /** What to do about a file that breaks it. @example 'Re-run ingest with this code.' */
  hint: string;
  /** What to do about a missing file. @example 'Run ingest first: npx nx run my-data:ingest' */
  missingHint?: string;
}

/**
 * A table that breaks its contract: a header that is not the contract's columns (CONTRACT_MISMATCH),
 * or a row with the wrong number of fields or a field that breaks its column's rule (ROW_INVALID).
 * The message names the file, and for a row the line (1-based, the header is line 1) and the column.
 */
export class CsvTableError extends Error {
  override readonly name = 'CsvTableError';
  constructor(
    readonly code: 'CONTRACT_MISMATCH' | 'ROW_INVALID',
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

/**
 * Streams the CSV file at `path` line by line: checks the header against the rules' columns, then
 * every field of every row against its column's rule, and hands each good row's fields to `onRow`.
 * The first problem stops the read.
 *
 * @throws FileError when the file is missing or unreadable; CsvTableError for a broken contract
 */
export async function scanCsvTable(path: string, rules: readonly ColumnRule[], contract: TableContract, onRow: (fields: string[], line: number) => void): Promise<void> {
  const expected = rules.map((r) => r.column).join(',');
  const width = rules.length;
  const rowError = (line: number, detail: string, column?: string) =>
    new CsvTableError('ROW_INVALID', path, `${path} line ${line}${column ? `, column ${column}` : ''}: ${detail}. It does not follow ${contract.name}. ${contract.hint}`, line, column);
  let header = true;
  try {
    for await (const { line, lineNumber } of csvLines(path)) {
      if (header) {
        // trim() also drops a byte-order mark and a CR.
        const found = line.trim();
        if (found !== expected) throw new CsvTableError('CONTRACT_MISMATCH', path, `${path} does not follow ${contract.name}: expected columns ${expected} but found ${found}. ${contract.hint}`);
        header = false;
        continue;
      }
      if (line === '') throw rowError(lineNumber, 'the line is empty');
      const fields = parseCsvLine(line);
      if (fields.length !== width) throw rowError(lineNumber, `expected ${width} fields, got ${fields.length}`);
      for (let c = 0; c < width; c += 1) {
        const problem = rules[c]!.problem(fields[c]!);
        if (problem !== undefined) throw rowError(lineNumber, `${quote(fields[c]!)} ${problem}`, rules[c]!.column);
      }
      onRow(fields, lineNumber);
    }
  } catch (error) {
    // Node's own errors (ENOENT, EACCES, EISDIR) name no file: say which, and what to do.
    if (error instanceof Error && 'syscall' in error) throw fileErrorFrom(error, path, contract.missingHint);
    throw error;
  }
  if (header) throw new CsvTableError('CONTRACT_MISMATCH', path, `${path} does not follow ${contract.name}: expected columns ${expected} but the file is empty. ${contract.hint}`);
}

/** A value quoted for a message, cut to 40 characters: a huge field must not be copied into it. */
function quote(value: string): string {
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : JSON.stringify(value);
}
