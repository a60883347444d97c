import type { z } from 'zod';
import { columnRules, type ColumnRule } from './column-rules.ts';
import { scanCsvTable, type TableContract } from './scan-csv-table.ts';

/**
 * Reads a CSV table as one object per row, typed by `schema`, every field checked against it (see
 * `columnRules`) as the file streams in. Strings are interned: a column of a few distinct values
 * costs one copy of each. For large tables, read only the columns needed with `readCsvColumns`.
 *
 * @param schema the zod object schema of a row: its keys, in order, are the header
 * @param contract how the table is named in errors, and what to do about them
 * @throws FileError for a missing file; CsvTableError naming the file, line and column of the first bad field
 */
export async function readCsvRows<S extends z.ZodObject>(path: string, schema: S, contract: TableContract): Promise<z.infer<S>[]> {
  const rules = columnRules(schema);
  const convert = rules.map(converter);
  const rows: Record<string, unknown>[] = [];
  await scanCsvTable(path, rules, contract, (fields) => {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < rules.length; c += 1) row[rules[c]!.column] = convert[c]!(fields[c]!);
    rows.push(row);
  });
  // Each value was parsed by the rule derived from this very schema.
  return rows as z.infer<S>[];
}

const INTERN_LIMIT = 100_000;

function converter(rule: ColumnRule): (text: string) => unknown {
  if (rule.type === 'integer' || rule.type === 'number') return (text) => (text === '' ? null : Number(text));
  if (rule.type === 'boolean') return (text) => (text === '' ? null : text === 'true');
  const seen = new Map<string, string>();
  return (text) => {
    if (text === '' && rule.nullable) return null;
    const known = seen.get(text);
    if (known !== undefined) return known;
    // A column of (nearly) unique values gains nothing from interning: stop remembering.
    if (seen.size < INTERN_LIMIT) seen.set(text, text);
    return text;
  };
}
