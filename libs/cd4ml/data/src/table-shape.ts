import { join } from 'node:path';
import { FileError, readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';

/** One column of a table contract: its name and JSON-schema type, e.g. "integer", "string (date)", "integer | null". */
const columnShapeSchema = z.object({ column: z.string().min(1), type: z.string().min(1) });
export type ColumnShape = z.infer<typeof columnShapeSchema>;

/** The committed snapshot of one contract version: what a contract test compares against. */
export const tableShapeSchema = z.object({ name: z.string().min(1), version: z.number().int().positive(), columns: z.array(columnShapeSchema) });
export type TableShape = z.infer<typeof tableShapeSchema>;

type JsonSchema = { type?: string | string[]; format?: string; anyOf?: JsonSchema[]; minimum?: number; exclusiveMinimum?: number };

/** The columns, in order, with their types, derived from a zod object schema. */
export function tableShape(name: string, version: number, schema: z.ZodObject): TableShape {
  const json = z.toJSONSchema(schema) as { properties: Record<string, JsonSchema> };
  // zod writes a nullable as anyOf or as a type list ("number | null" either way).
  const typeOf = (s: JsonSchema): string =>
    s.anyOf ? s.anyOf.map(typeOf).join(' | ') : Array.isArray(s.type) ? s.type.join(' | ') : `${s.type ?? 'unknown'}${s.format ? ` (${s.format})` : ''}`;
  return { name, version, columns: Object.keys(schema.shape).map((column) => ({ column, type: typeOf(json.properties[column] ?? {}) })) };
}

/**
 * The differences between a contract as defined now and its committed snapshot: columns added,
 * removed, moved or retyped. Empty when the shape is unchanged.
 */
export function shapeDrift(snapshot: TableShape, now: TableShape): string[] {
  const before = new Map(snapshot.columns.map((c, i) => [c.column, { ...c, i }]));
  const after = new Map(now.columns.map((c, i) => [c.column, { ...c, i }]));
  const drift: string[] = [];
  for (const [column, c] of after) {
    const was = before.get(column);
    if (!was) drift.push(`column ${column} (${c.type}) added`);
    else if (was.type !== c.type) drift.push(`column ${column} changed type from ${was.type} to ${c.type}`);
    else if (was.i !== c.i) drift.push(`column ${column} moved from position ${was.i + 1} to ${c.i + 1}`);
  }
  for (const [column, c] of before) if (!after.has(column)) drift.push(`column ${column} (${c.type}) removed`);
  return drift;
}

/** Where a contract's snapshot of one version is committed: `<dir>/<name>.v<version>.json`. */
export function snapshotPath(dir: string, shape: Pick<TableShape, 'name' | 'version'>): string {
  return join(dir, `${shape.name}.v${shape.version}.json`);
}

/**
 * The contract test of a table between two stages (the data pipeline writes it, training reads it):
 * compares the contract as defined now with the committed snapshot of its version, and lists the
 * drift. A shape change needs a version bump; recording a new version's snapshot is explicit
 * (`record`), so a bump is always a reviewed, committed file.
 *
 * @returns the snapshot's path, whether it was recorded now, and the drift (empty when unchanged)
 */
export async function checkContractSnapshot(dir: string, now: TableShape, options: { record?: boolean } = {}): Promise<{ path: string; recorded: boolean; drift: string[] }> {
  const path = snapshotPath(dir, now);
  let snapshot: TableShape;
  try {
    snapshot = await readJsonFile(path, tableShapeSchema, { what: 'contract snapshot' });
  } catch (error) {
    if (!(error instanceof FileError && error.code === 'FILE_MISSING') || !options.record) throw error;
    await writeJsonAtomic(path, now);
    return { path, recorded: true, drift: [] };
  }
  return { path, recorded: false, drift: shapeDrift(snapshot, now) };
}
