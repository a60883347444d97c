import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_ACTUALS_ROTATION } from './actuals-store.ts';
import { rotatedFiles } from './rotate-file.ts';

/** One line of the actuals file, as the actuals route writes it. */
export const storedActualSchema = z.object({
  date: z.string(),
  item_nbr: z.number().int(),
  store_nbr: z.number().int(),
  unit_sales: z.number(),
  receivedAt: z.string(),
  requestId: z.string(),
  modelVersion: z.string(),
});
export type StoredActual = z.infer<typeof storedActualSchema>;

/** A line that was not read, and why: a torn last line (a post that was never acknowledged), or one that is not an actual. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: string;
}

/**
 * Reads the actuals file and its rotated predecessors (oldest first), one actual per (date,
 * store_nbr, item_nbr): the latest post wins, so a post sent twice counts once. A torn last line
 * and any line that is not an actual are skipped and reported, never fatal.
 *
 * @param keep how many rotated files the writer keeps @default 8
 */
export async function readActuals(path: string, keep = DEFAULT_ACTUALS_ROTATION.keep): Promise<{ actuals: StoredActual[]; skipped: SkippedLine[] }> {
  const byKey = new Map<string, StoredActual>();
  const skipped: SkippedLine[] = [];
  for (const file of rotatedFiles(path, keep)) {
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    const torn = !text.endsWith('\n') && text !== '';
    if (!torn) lines.pop(); // the empty string after the last newline
    lines.forEach((line, i) => {
      if (torn && i === lines.length - 1) {
        skipped.push({ file, line: i + 1, reason: `torn last line (${line.length} bytes without a line end): a post that was never acknowledged` });
        return;
      }
      const parsed = storedActualSchema.safeParse(parseJson(line));
      if (!parsed.success) {
        skipped.push({ file, line: i + 1, reason: `not an actual: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}` });
        return;
      }
      const a = parsed.data;
      byKey.delete(`${a.date}/${a.store_nbr}/${a.item_nbr}`); // re-inserted last: the map keeps posting order
      byKey.set(`${a.date}/${a.store_nbr}/${a.item_nbr}`, a);
    });
  }
  return { actuals: [...byKey.values()], skipped };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
