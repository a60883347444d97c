import { readFile } from 'node:fs/promises';
import { salesTableColumns, salesTableVersion, type SalesRow } from '@cd4ml/sales-schema';
import * as aq from 'arquero';

export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code = 'CONTRACT_MISMATCH';
}

/**
 * Reads a sales table written by ingest, checking its header against the data contract
 * (sales table v{@link salesTableVersion}) before using a single row.
 */
export async function readSalesTable(path: string): Promise<SalesRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ContractError(`${path} not found. Run ingest first: npx nx run sales-data:ingest`);
  }
  const header = text.slice(0, text.indexOf('\n')).trim();
  if (header !== salesTableColumns.join(',')) {
    throw new ContractError(
      `${path} does not follow sales table contract v${salesTableVersion}: expected columns ${salesTableColumns.join(',')} but found ${header}. Re-run ingest with this code.`,
    );
  }
  const bool = (v: string) => v === 'true';
  const table = aq.fromCSV(text, {
    autoType: false,
    parse: {
      store_nbr: Number,
      item_nbr: Number,
      unit_sales: Number,
      onpromotion: bool,
      class: Number,
      perishable: bool,
      cluster: Number,
      transactions: (v: string) => (v === '' ? null : Number(v)),
      holiday: bool,
      dayoff: bool,
    },
  });
  return table.objects() as SalesRow[];
}
