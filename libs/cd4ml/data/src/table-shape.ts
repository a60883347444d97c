import { z } from 'zod';

/** One column of a table contract: its name, position and JSON-schema type. */
export interface ColumnShape {
  column: string;
  /** JSON-schema type, e.g. "integer", "number", "boolean", "string (date)", "integer | null". */
  type: string;
}

/** The committed snapshot of one contract version: what a contract test compares against. */
export interface TableShape {
  name: string;
  version: number;
  columns: ColumnShape[];
}

type JsonSchema = { type?: string; format?: string; anyOf?: JsonSchema[]; minimum?: number; exclusiveMinimum?: number };

/** The columns, in order, with their types, derived from a zod object schema. */
export function tableShape(name: string, version: number, schema: z.ZodObject): TableShape {
  const json = z.toJSONSchema(schema) as { properties: Record<string, JsonSchema> };
  const typeOf = (s: JsonSchema): string => (s.anyOf ? s.anyOf.map(typeOf).join(' | ') : `${s.type ?? 'unknown'}${s.format ? ` (${s.format})` : ''}`);
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
