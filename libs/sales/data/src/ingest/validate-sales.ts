import { parseIsoDate, type Item, type Store } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { stringColumn } from './read-raw.ts';

/** A train.csv row that failed validation, kept with its reason and where it came from. */
export interface QuarantinedRow {
  source_file: string;
  /** 1-based line in the source file (the header is line 1). */
  line: number;
  reason: string;
  raw: string;
}

const INT = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Checks every train.csv row for types, ranges and referential integrity. Good rows come back as a
 * typed arquero table; bad rows go to quarantine, each with the first rule it broke.
 * A blank onpromotion (the real file's early years) is read as false, by policy.
 */
export function validateSales(
  raw: ColumnTable,
  items: readonly Item[],
  stores: readonly Store[],
  file = 'train.csv',
): { table: ColumnTable; quarantine: QuarantinedRow[] } {
  const names = ['id', 'date', 'store_nbr', 'item_nbr', 'unit_sales', 'onpromotion'];
  const [id, date, store, item, sales, promo] = names.map((c) => stringColumn(raw, c)) as string[][] as [string[], string[], string[], string[], string[], string[]];
  const knownItems = new Set(items.map((i) => i.item_nbr));
  const knownStores = new Set(stores.map((s) => s.store_nbr));
  const seenIds = new Set<string>();
  const n = id.length;
  const out = {
    date: [] as string[],
    store_nbr: [] as number[],
    item_nbr: [] as number[],
    unit_sales: [] as number[],
    onpromotion: [] as boolean[],
  };
  const quarantine: QuarantinedRow[] = [];
  for (let i = 0; i < n; i += 1) {
    const reason = rowProblem(i);
    seenIds.add(id[i]!); // a later row with this id is a duplicate even if this one was quarantined
    if (reason) {
      quarantine.push({ source_file: file, line: i + 2, reason, raw: names.map((_, c) => [id, date, store, item, sales, promo][c]![i]).join(',') });
      continue;
    }
    out.date.push(date[i]!);
    out.store_nbr.push(Number(store[i]));
    out.item_nbr.push(Number(item[i]));
    out.unit_sales.push(Number(sales[i]));
    out.onpromotion.push(promo[i] === 'True');
  }
  return { table: aq.table(out), quarantine };

  function rowProblem(i: number): string | undefined {
    if (!INT.test(id[i]!)) return `id ${JSON.stringify(id[i])} is not an integer`;
    if (seenIds.has(id[i]!)) return `duplicate id ${id[i]}`;
    if (parseIsoDate(date[i]!) === undefined) return `date ${JSON.stringify(date[i])} is not a calendar date (YYYY-MM-DD)`;
    if (!INT.test(store[i]!)) return `store_nbr ${JSON.stringify(store[i])} is not an integer`;
    if (!knownStores.has(Number(store[i]))) return `unknown store_nbr ${store[i]} (not in stores.csv)`;
    if (!INT.test(item[i]!)) return `item_nbr ${JSON.stringify(item[i])} is not an integer`;
    if (!knownItems.has(Number(item[i]))) return `unknown item_nbr ${item[i]} (not in items.csv)`;
    if (!NUMBER.test(sales[i]!)) return `unit_sales ${JSON.stringify(sales[i])} is not a number`;
    if (promo[i] !== '' && promo[i] !== 'True' && promo[i] !== 'False') return `onpromotion must be True, False or blank, got ${JSON.stringify(promo[i])}`;
    return undefined;
  }
}
