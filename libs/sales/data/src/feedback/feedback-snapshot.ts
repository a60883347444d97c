import { dirname, join } from 'node:path';
import { buildManifest, csvLines, CsvWriter, parseCsvLine, readManifest, verifyManifest, writeManifest, type Manifest } from '@cd4ml/data';
import { fileErrorFrom, replaceDirAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { DataValidationError } from '../data-validation-error.ts';

/**
 * The outcomes fed back: one observed sale per day, store and item, and whether the item was on
 * promotion that day. Nothing the app decided (its forecasts, the orders made from them) has a column.
 */
export const FEEDBACK_COLUMNS = ['date', 'store_nbr', 'item_nbr', 'unit_sales', 'onpromotion'] as const;
/** The feedback snapshot's one data file, in its folder. */
export const FEEDBACK_FILE = 'actuals.csv';

export const feedbackRowSchema = z.strictObject({
  date: z.iso.date(),
  store_nbr: z.coerce.number().int().positive(),
  item_nbr: z.coerce.number().int().positive(),
  unit_sales: z.coerce.number().finite(),
  onpromotion: z.enum(['True', 'False']).transform((v) => v === 'True'),
});
export type FeedbackRow = z.output<typeof feedbackRowSchema>;

const keyOf = (r: FeedbackRow) => `${r.date}/${r.store_nbr}/${r.item_nbr}`;

/**
 * Where a feedback snapshot's data lives: the folder named like its manifest, without
 * `.manifest.json` (`data/feedback/default.manifest.json` -> `data/feedback/default/`). The manifest
 * sits outside the gitignored folder so that Nx hashes it: it is the generate stage's input.
 */
export function feedbackDir(manifestPath: string): string {
  if (!manifestPath.endsWith('.manifest.json')) throw new RangeError(`a feedback manifest is named <name>.manifest.json, not ${manifestPath}`);
  return join(dirname(manifestPath), manifestPath.slice(dirname(manifestPath).length + 1, -'.manifest.json'.length));
}

/**
 * Reads a feedback snapshot: its manifest, every file checked against it, every row against
 * {@link feedbackRowSchema} (a bad row names the file, the line and the field). `undefined` when
 * no feedback was ever written.
 */
export async function readFeedback(manifestPath: string): Promise<{ manifest: Manifest; rows: FeedbackRow[] } | undefined> {
  let manifest: Manifest;
  try {
    manifest = await readManifest(manifestPath);
  } catch (error) {
    if ((error as { code?: string }).code === 'MANIFEST_MISSING') return undefined;
    throw error;
  }
  const dir = feedbackDir(manifestPath);
  await verifyManifest(dir, manifest);
  const file = join(dir, FEEDBACK_FILE);
  const rows: FeedbackRow[] = [];
  try {
    for await (const { line, lineNumber } of csvLines(file)) {
      if (lineNumber === 1) {
        if (line !== FEEDBACK_COLUMNS.join(',')) throw new DataValidationError(file, `line 1: the header must be ${FEEDBACK_COLUMNS.join(',')}, found ${line}`);
        continue;
      }
      if (line === '') continue;
      const fields = parseCsvLine(line);
      const parsed = feedbackRowSchema.safeParse(Object.fromEntries(FEEDBACK_COLUMNS.map((c, i) => [c, fields[i]])));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new DataValidationError(file, `line ${lineNumber}, column ${issue.path.join('.')}: ${issue.message}. Write feedback with its stage (npx nx run sales-web:feedback), never by hand.`);
      }
      rows.push(parsed.data);
    }
  } catch (error) {
    if (error instanceof DataValidationError) throw error;
    throw fileErrorFrom(error, file);
  }
  return { manifest, rows };
}

/**
 * Adds outcomes to the feedback snapshot behind `manifestPath`, creating it on first use: the rows
 * already there and the new ones, one per day, store and item, **the latest wins** (a corrected
 * actual replaces the first one); sorted by date, store and item, so the same outcomes give the
 * same bytes. The folder is replaced atomically, then the manifest is written.
 */
export async function addFeedback(manifestPath: string, rows: readonly FeedbackRow[], source: Record<string, unknown>): Promise<{ manifest: Manifest; rows: number; added: number; replaced: number }> {
  const byKey = new Map<string, FeedbackRow>();
  for (const r of (await readFeedback(manifestPath))?.rows ?? []) byKey.set(keyOf(r), r);
  const before = byKey.size;
  let replaced = 0;
  for (const r of rows) {
    if (byKey.has(keyOf(r))) replaced += 1;
    byKey.set(keyOf(r), r);
  }
  const sorted = [...byKey.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.store_nbr - b.store_nbr || a.item_nbr - b.item_nbr));
  const manifest = await replaceDirAtomic(feedbackDir(manifestPath), async (tmp) => {
    const csv = new CsvWriter(join(tmp, FEEDBACK_FILE), FEEDBACK_COLUMNS);
    for (const r of sorted) await csv.write([r.date, r.store_nbr, r.item_nbr, r.unit_sales, r.onpromotion ? 'True' : 'False']);
    await csv.close();
    return buildManifest(tmp, [FEEDBACK_FILE], { kind: 'feedback', ...source, from: sorted[0]?.date ?? null, to: sorted.at(-1)?.date ?? null });
  });
  await writeManifest(manifestPath, manifest);
  return { manifest, rows: sorted.length, added: byKey.size - before, replaced };
}
