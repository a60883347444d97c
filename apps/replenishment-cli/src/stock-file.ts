import { readFile } from 'node:fs/promises';

/** One stocked item: what is on hand and how it is packed. */
export interface StockLine {
  item_nbr: number;
  on_hand: number;
  case_pack: number;
}

/** A stock file that cannot be used, naming the file, the line and what is wrong. */
export class StockFileError extends Error {
  override readonly name = 'StockFileError';
  readonly code = 'BAD_STOCK_FILE';
}

const HEADER = 'item_nbr,on_hand,case_pack';

/**
 * Reads a stock CSV with the header `item_nbr,on_hand,case_pack`; every bad line is reported at once.
 * An item on two lines is refused, naming both: summing them would guess at what the file meant
 * (two shelves, or a line pasted twice), and the case packs may disagree.
 * @example parseStock('item_nbr,on_hand,case_pack\n99197,10,12\n', 'stock.csv')
 */
export function parseStock(text: string, file: string): StockLine[] {
  const [header, ...rows] = text.split(/\r?\n/);
  if (header?.trim() !== HEADER) throw new StockFileError(`${file}: the first line must be "${HEADER}", not "${header ?? ''}"`);
  const problems: string[] = [];
  const lines: StockLine[] = [];
  const lineOf = new Map<number, number>();
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const [item, onHand, pack, ...extra] = row.split(',').map((v) => v.trim());
    const where = `${file} line ${i + 2}`;
    if (extra.length > 0 || pack === undefined) problems.push(`${where}: expected 3 values, got ${row.split(',').length}`);
    else if (!/^\d+$/.test(item!) || Number(item) < 1) problems.push(`${where}: item_nbr "${item}" is not a positive integer`);
    else if (!/^\d+(\.\d+)?$/.test(onHand!)) problems.push(`${where}: on_hand "${onHand}" is not a non-negative number`);
    else if (!/^\d+$/.test(pack) || Number(pack) < 1) problems.push(`${where}: case_pack "${pack}" is not a positive integer`);
    else if (lineOf.has(Number(item))) problems.push(`${where}: item_nbr ${item} is already on line ${lineOf.get(Number(item))}: give each item one line (add up its stock on hand)`);
    else {
      lineOf.set(Number(item), i + 2);
      lines.push({ item_nbr: Number(item), on_hand: Number(onHand), case_pack: Number(pack) });
    }
  });
  if (problems.length > 0) throw new StockFileError(problems.join('\n'));
  if (lines.length === 0) throw new StockFileError(`${file}: no stock lines after the header`);
  return lines;
}

/** Reads and parses a stock file. */
export async function readStock(file: string): Promise<StockLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StockFileError(`cannot read the stock file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseStock(text, file);
}
