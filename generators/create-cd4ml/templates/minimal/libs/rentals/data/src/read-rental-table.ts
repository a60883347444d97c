import { csvLines, parseCsvLine } from '@cd4ml/data';
import { fileErrorFrom } from '@cd4ml/fs';
import { rentalColumns, rentalRowSchema, type RentalRow } from './rental-table.ts';

/** The data tests every row is held to. */
type Rule = 'schema' | 'nulls' | 'types' | 'ranges' | 'keys';
interface Problem {
  line: number;
  column: string;
  rule: Rule;
  message: string;
}

/** A rentals file that breaks its data tests: the message names the file, and each problem's line, column and rule. */
export class DataValidationError extends Error {
  override readonly name = 'DataValidationError';
  readonly code = 'DATA_INVALID';
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    const shown = problems.slice(0, 10).map((p) => `  ${file}:${p.line} column ${p.column}: ${p.rule}: ${p.message}`);
    const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : '';
    super(`${file} fails its data tests (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown.join('\n')}${more}\nFix or regenerate the file.`);
  }
}

const NUMERIC: ReadonlySet<string> = new Set(['temperature', 'precipitation', 'rentals']);
const HEADER = rentalColumns.join(',');

/**
 * Streams a rentals CSV and checks every row against the table contract: the header, the field
 * count, blanks, types, ranges and duplicate (date, station) keys. Throws one
 * {@link DataValidationError} listing every problem, so one run shows everything to fix.
 */
export async function readRentalTable(path: string): Promise<RentalRow[]> {
  const rows: RentalRow[] = [];
  const problems: Problem[] = [];
  const firstSeen = new Map<string, number>();
  const add = (line: number, column: string, rule: Rule, message: string) => problems.push({ line, column, rule, message });
  try {
    for await (const { line, lineNumber } of csvLines(path)) {
      if (lineNumber === 1) {
        if (line.replace(/^\uFEFF/, '') !== HEADER) throw new DataValidationError(path, [{ line: 1, column: '(header)', rule: 'schema', message: `expected ${HEADER}, found ${line}` }]);
        continue;
      }
      const fields = parseCsvLine(line);
      if (fields.length !== rentalColumns.length) {
        add(lineNumber, '(row)', 'schema', `expected ${rentalColumns.length} fields, found ${fields.length}`);
        continue;
      }
      const blank = rentalColumns.filter((_, i) => fields[i] === '');
      for (const column of blank) add(lineNumber, column, 'nulls', 'is blank');
      if (blank.length > 0) continue;
      const parsed = rentalRowSchema.safeParse(Object.fromEntries(rentalColumns.map((c, i) => [c, NUMERIC.has(c) ? Number(fields[i]) : fields[i]])));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = String(issue.path[0]);
          const rule = issue.code === 'too_small' || issue.code === 'too_big' ? 'ranges' : 'types';
          add(lineNumber, column, rule, `${issue.message} (found ${JSON.stringify(fields[rentalColumns.indexOf(column as keyof RentalRow)])})`);
        }
        continue;
      }
      const key = `${parsed.data.date} ${parsed.data.station}`;
      const first = firstSeen.get(key);
      if (first !== undefined) add(lineNumber, 'date+station', 'keys', `duplicate key ${key}, first on line ${first}`);
      else firstSeen.set(key, lineNumber);
      rows.push(parsed.data);
    }
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string' && !(error instanceof DataValidationError)) throw fileErrorFrom(error, path, 'Run the stage that writes it.');
    throw error;
  }
  if (problems.length > 0) throw new DataValidationError(path, problems);
  return rows;
}
