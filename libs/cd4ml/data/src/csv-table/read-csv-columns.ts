import type { z } from 'zod';
import { columnRules, dayOf, type ColumnRule, type FieldType } from './column-rules.ts';
import { scanCsvTable, type TableContract } from './scan-csv-table.ts';

/** How a kept column is stored. */
const columnKinds = ['int32', 'float64', 'bool', 'day', 'category'] as const;
export type ColumnKind = (typeof columnKinds)[number];

/** A string column as codes into its distinct values, numbered in order of first appearance. */
export interface CategoryColumn {
  codes: Uint32Array;
  levels: string[];
}

/** The typed array each {@link ColumnKind} is read into; `day` is days since 1970-01-01, `bool` 1 or 0. */
export type ColumnOf<K extends ColumnKind> = K extends 'category' ? CategoryColumn : K extends 'float64' ? Float64Array : K extends 'bool' ? Uint8Array : Int32Array;

/** The field types each kind can hold; a blank (null) field is NaN in `float64` and refused elsewhere. */
const holds: Record<ColumnKind, readonly FieldType[]> = { int32: ['integer'], float64: ['integer', 'number'], bool: ['boolean'], day: ['date'], category: ['string', 'date'] };

type Growable = Int32Array | Float64Array | Uint8Array | Uint32Array;

/**
 * Reads the columns `keep` names from a CSV table into typed arrays, line by line, so the table
 * never exists as row objects (a few hundred bytes a row) or as one string (its size on disk). Every
 * field of every row, kept or not, is checked against `schema` (see `columnRules`).
 *
 * @param schema the zod object schema of a row: its keys, in order, are the header
 * @param keep column name -> how to store it
 * @param contract how the table is named in errors, and what to do about them
 * @returns the row count and the kept columns, each exactly that long
 * @throws FileError for a missing file; CsvTableError naming the file, line and column of the first bad field
 * @example
 * const { length, columns } = await readCsvColumns('train.csv', rowSchema, { date: 'day', units: 'float64' }, contract);
 */
export async function readCsvColumns<const K extends Record<string, ColumnKind>>(
  path: string,
  schema: z.ZodObject,
  keep: K,
  contract: TableContract,
): Promise<{ length: number; columns: { [C in keyof K]: ColumnOf<K[C]> } }> {
  const rules = columnRules(schema);
  const kept = Object.entries(keep).map(([column, kind]) => keptColumn(rules, column, kind));
  let length = 0;
  let capacity = 1 << 16;
  let stores: Growable[] = kept.map((k) => k.make(capacity));
  await scanCsvTable(path, rules, contract, (fields, line) => {
    if (length === capacity) {
      capacity *= 2;
      stores = stores.map((old, i) => {
        const next = kept[i]!.make(capacity);
        next.set(old);
        return next;
      });
    }
    for (let k = 0; k < kept.length; k += 1) stores[k]![length] = kept[k]!.value(fields[kept[k]!.at]!, line);
    length += 1;
  });
  const columns: Record<string, unknown> = {};
  kept.forEach((k, i) => {
    const values = stores[i]!.slice(0, length);
    columns[k.column] = k.levels ? { codes: values, levels: k.levels } : values;
  });
  return { length, columns: columns as { [C in keyof K]: ColumnOf<K[C]> } };
}

interface KeptColumn {
  column: string;
  at: number;
  make: (n: number) => Growable;
  value: (text: string, line: number) => number;
  levels?: string[];
}

function keptColumn(rules: readonly ColumnRule[], column: string, kind: ColumnKind): KeptColumn {
  const at = rules.findIndex((r) => r.column === column);
  const rule = rules[at];
  if (!rule) throw new Error(`readCsvColumns: the schema has no column ${column}`);
  if (!columnKinds.includes(kind)) throw new Error(`readCsvColumns: column ${column} cannot be read as ${String(kind)}; the kinds are ${columnKinds.join(', ')}`);
  if (!holds[kind].includes(rule.type) || (rule.nullable && kind !== 'float64')) {
    throw new Error(`readCsvColumns: column ${column} (${rule.nullable ? 'nullable ' : ''}${rule.type}) cannot be read as ${kind}`);
  }
  switch (kind) {
    case 'int32':
      return {
        column,
        at,
        make: (n) => new Int32Array(n),
        value: (text, line) => {
          const v = Number(text);
          if ((v | 0) !== v) throw new RangeError(`readCsvColumns: column ${column} line ${line}: ${text} does not fit in an int32 column`);
          return v;
        },
      };
    case 'float64':
      return { column, at, make: (n) => new Float64Array(n), value: (text) => (text === '' ? Number.NaN : Number(text)) };
    case 'bool':
      return { column, at, make: (n) => new Uint8Array(n), value: (text) => (text === 'true' ? 1 : 0) };
    case 'day': {
      let lastText = '';
      let lastDay = 0;
      return { column, at, make: (n) => new Int32Array(n), value: (text) => (text === lastText ? lastDay : ((lastText = text), (lastDay = dayOf(text)))) };
    }
    case 'category': {
      const levels: string[] = [];
      const codes = new Map<string, number>();
      return {
        column,
        at,
        levels,
        make: (n) => new Uint32Array(n),
        value: (text) => {
          let code = codes.get(text);
          if (code === undefined) codes.set(text, (code = levels.push(text) - 1));
          return code;
        },
      };
    }
  }
}
