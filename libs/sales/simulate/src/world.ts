import { csvLines, parseCsvLine } from '@cd4ml/data';
import { z } from 'zod';

/** One day, store and item of the simulated world: what the shop asks a forecast for, and what then sold. */
export interface WorldRow {
  date: string;
  store_nbr: number;
  item_nbr: number;
  onpromotion: boolean;
  unit_sales: number;
}

const rowSchema = z.object({
  date: z.iso.date(),
  store_nbr: z.coerce.number().int(),
  item_nbr: z.coerce.number().int(),
  unit_sales: z.coerce.number(),
  onpromotion: z.string().transform((v) => v === 'True'),
});

/** The change injected into the world from its first day on. */
export const CHANGES = ['demand', 'promotion'] as const;
export type Change = (typeof CHANGES)[number];

/**
 * The world's days after `from`, by date, from a generated raw snapshot's train.csv (read and
 * checked row by row). Returns are left out: a forecast is for demand.
 */
export async function readWorld(trainCsv: string, from: string): Promise<Map<string, WorldRow[]>> {
  const days = new Map<string, WorldRow[]>();
  for await (const { line, lineNumber } of csvLines(trainCsv)) {
    if (lineNumber === 1 || line === '') continue;
    const [, date, store_nbr, item_nbr, unit_sales, onpromotion] = parseCsvLine(line);
    if (date === undefined || date < from) continue;
    const parsed = rowSchema.safeParse({ date, store_nbr, item_nbr, unit_sales, onpromotion });
    if (!parsed.success) throw new Error(`${trainCsv}:${lineNumber}: ${parsed.error.issues[0]?.message ?? 'bad row'}`);
    if (parsed.data.unit_sales <= 0) continue;
    const list = days.get(date) ?? [];
    list.push(parsed.data);
    days.set(date, list);
  }
  return days;
}

/**
 * Applies the change to one day of the world. `demand`: every sale times `factor`. `promotion`: a
 * new promotion regime, half the items on promotion and selling `factor` times as much while on it.
 */
export function changed(rows: readonly WorldRow[], change: Change, factor: number, random: () => number): WorldRow[] {
  if (change === 'demand') return rows.map((r) => ({ ...r, unit_sales: round(r.unit_sales * factor) }));
  return rows.map((r) => (r.onpromotion || random() < 0.5 ? { ...r, onpromotion: true, unit_sales: round(r.unit_sales * factor) } : r));
}

const round = (v: number) => Math.round(v * 1000) / 1000;
