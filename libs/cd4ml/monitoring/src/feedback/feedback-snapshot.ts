import { dirname, join } from 'node:path';
import { buildManifest, csvLines, CsvWriter, parseCsvLine, readManifest, verifyManifest, writeManifest, type Manifest } from '@cd4ml/data';
import { fileErrorFrom, replaceDirAtomic } from '@cd4ml/fs';
import { recordKey } from '../log/prediction-log.ts';
import { MonitorError } from '../monitor-error.ts';
import type { FeedbackDefinition, OutcomeRecord } from './feedback-definition.ts';

/** The feedback snapshot's one data file, in its folder. */
export const FEEDBACK_FILE = 'actuals.csv';

/**
 * Where a feedback snapshot's data lives: the folder named like its manifest, without
 * `.manifest.json` (`data/feedback/default.manifest.json` -> `data/feedback/default/`). The manifest
 * sits outside the gitignored folder so that Nx hashes it: it is an input of the stage that folds it in.
 */
export function feedbackDir(manifestPath: string): string {
  if (!manifestPath.endsWith('.manifest.json')) throw new RangeError(`a feedback manifest is named <name>.manifest.json, not ${manifestPath}`);
  return join(dirname(manifestPath), manifestPath.slice(dirname(manifestPath).length + 1, -'.manifest.json'.length));
}

/**
 * Reads a feedback snapshot: its manifest, every file checked against it, the header against the
 * definition's columns, every row against its `row` schema (a bad row names the file, the line and
 * the column). `undefined` when no feedback was ever written.
 */
export async function readFeedback<Row>(manifestPath: string, definition: FeedbackDefinition<Row>): Promise<{ manifest: Manifest; rows: Row[] } | undefined> {
  const read = await readRecords(manifestPath, definition);
  return read && { manifest: read.manifest, rows: read.records.map((r) => r.row) };
}

async function readRecords<Row>(manifestPath: string, definition: FeedbackDefinition<Row>): Promise<{ manifest: Manifest; records: { fields: OutcomeRecord; row: Row }[] } | undefined> {
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
  const header = definition.columns.join(',');
  const records: { fields: OutcomeRecord; row: Row }[] = [];
  try {
    for await (const { line, lineNumber } of csvLines(file)) {
      if (lineNumber === 1) {
        if (line !== header) throw new MonitorError('FEEDBACK_INVALID', `${file}: line 1: the header must be ${header}, found ${line}`);
        continue;
      }
      if (line === '') continue;
      const values = parseCsvLine(line);
      const fields: OutcomeRecord = Object.fromEntries(definition.columns.map((c, i) => [c, values[i] ?? '']));
      const parsed = definition.row.safeParse(fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new MonitorError('FEEDBACK_INVALID', `${file}: line ${lineNumber}, column ${issue.path.join('.')}: ${issue.message}. Write feedback with its stage (npx nx run <app>:feedback), never by hand.`);
      }
      records.push({ fields, row: parsed.data });
    }
  } catch (error) {
    if (error instanceof MonitorError) throw error;
    throw fileErrorFrom(error, file);
  }
  return { manifest, records };
}

/**
 * Adds outcomes to the feedback snapshot behind `manifestPath`, creating it on first use: the rows
 * already there and the new ones, one per key, **the latest wins** (a corrected actual replaces the
 * first one); sorted by day, then by key (numbers as numbers), so the same outcomes give the same
 * bytes. Each new row is checked against the definition first. The folder is replaced atomically,
 * then the manifest is written. When nothing is new, nothing is written (`manifest` is the one
 * there, or undefined when there is none yet).
 */
export async function addFeedback<Row>(
  manifestPath: string,
  outcomes: readonly OutcomeRecord[],
  definition: FeedbackDefinition<Row>,
  source: Record<string, unknown>,
): Promise<{ manifest: Manifest | undefined; rows: number; added: number; replaced: number }> {
  // `replaced` counts the keys whose outcome changed: the same actual read again (every run reads
  // the whole log) replaces nothing.
  const keyOf = (r: OutcomeRecord) => recordKey(definition.keys, r);
  const byKey = new Map<string, OutcomeRecord>();
  const existing = await readRecords(manifestPath, definition);
  for (const r of existing?.records ?? []) byKey.set(keyOf(r.fields), r.fields);
  const before = byKey.size;
  let replaced = 0;
  for (const [i, r] of outcomes.entries()) {
    const fields = Object.fromEntries(definition.columns.map((c) => [c, String(r[c] ?? '')]));
    const parsed = definition.row.safeParse(fields);
    if (!parsed.success) throw new MonitorError('FEEDBACK_INVALID', `outcome ${i} (${JSON.stringify(r)}) does not fit the feedback snapshot: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    const seen = byKey.get(keyOf(fields));
    if (seen && JSON.stringify(seen) !== JSON.stringify(fields)) replaced += 1;
    byKey.set(keyOf(fields), fields);
  }
  // Nothing new: the snapshot (or its absence) stays as it is, so the data stage that folds it in is not rerun.
  if (byKey.size === before && replaced === 0) return { manifest: existing?.manifest, rows: byKey.size, added: 0, replaced: 0 };
  const day = definition.keys.dayField;
  const order = [day, ...definition.keys.keyFields.filter((f) => f !== day)];
  const sorted = [...byKey.values()].sort((a, b) => {
    for (const f of order) {
      const c = compareValues(a[f], b[f]);
      if (c !== 0) return c;
    }
    return 0;
  });
  const manifest = await replaceDirAtomic(feedbackDir(manifestPath), async (tmp) => {
    const csv = new CsvWriter(join(tmp, FEEDBACK_FILE), definition.columns);
    for (const r of sorted) await csv.write(definition.columns.map((c) => r[c] ?? ''));
    await csv.close();
    return buildManifest(tmp, [FEEDBACK_FILE], { kind: 'feedback', ...source, from: sorted[0]?.[day] ?? null, to: sorted.at(-1)?.[day] ?? null });
  });
  await writeManifest(manifestPath, manifest);
  return { manifest, rows: sorted.length, added: byKey.size - before, replaced };
}

/** Numbers (also written as text) by value, anything else as text. */
function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const s = String(a ?? '');
  const t = String(b ?? '');
  return s < t ? -1 : s > t ? 1 : 0;
}
