import { z } from 'zod';

/** What a CSV field of a table contract holds once parsed. */
const fieldTypes = ['integer', 'number', 'boolean', 'date', 'string'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** The rule one column of a table contract holds each of its fields to, derived from the zod schema. */
export interface ColumnRule {
  readonly column: string;
  readonly type: FieldType;
  /** A blank field is null. */
  readonly nullable: boolean;
  /** Why `text` breaks the rule (a sentence that starts after the value), or undefined when it keeps it. */
  problem(text: string): string | undefined;
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
};

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * One rule per column of `schema`, in order, from its JSON Schema (as `tableShape` reads it): type,
 * nullable, bounds, lengths, pattern, enum. Booleans are written `true` / `false`, dates `YYYY-MM-DD`,
 * null as a blank field (as `csvField` writes them).
 *
 * @throws Error at once for a column whose type a CSV field cannot hold (an object, an array)
 */
export function columnRules(schema: z.ZodObject): ColumnRule[] {
  const json = z.toJSONSchema(schema) as { properties: Record<string, JsonSchema> };
  return Object.keys(schema.shape).map((column) => ruleOf(column, json.properties[column] ?? {}));
}

function ruleOf(column: string, s: JsonSchema): ColumnRule {
  const options = s.anyOf?.filter((o) => o.type !== 'null');
  const nullable = (s.anyOf !== undefined && options?.length !== s.anyOf.length) || (Array.isArray(s.type) && s.type.includes('null'));
  const base = options?.length === 1 ? options[0]! : s;
  const typeName = Array.isArray(base.type) ? base.type.find((t) => t !== 'null') : base.type;
  const type = typeName === 'string' && base.format === 'date' ? 'date' : fieldTypes.find((t) => t !== 'date' && t === typeName);
  if (!type || (options !== undefined && options.length !== 1)) throw new Error(`column ${column}: a CSV field cannot hold ${JSON.stringify(s)}`);
  const check = fieldCheck(type, base);
  // A blank field is null (`csvField` writes null so), or an empty string where the column allows one.
  const blank = nullable ? undefined : type === 'string' ? check('') : 'is blank';
  return { column, type, nullable, problem: (text) => (text === '' ? blank : check(text)) };
}

/** The check of a non-blank field. */
function fieldCheck(type: FieldType, s: JsonSchema): (text: string) => string | undefined {
  const pattern = s.pattern === undefined ? undefined : new RegExp(s.pattern);
  const allowed = s.enum ? new Set(s.enum.map(String)) : undefined;
  switch (type) {
    case 'integer':
      return (text) => (INTEGER.test(text) ? bounds(Number(text), s) : 'is not an integer');
    case 'number':
      return (text) => (NUMBER.test(text) ? (Number.isFinite(Number(text)) ? bounds(Number(text), s) : 'is not a finite number') : 'is not a number');
    case 'boolean':
      return (text) => (text === 'true' || text === 'false' ? undefined : 'is not true or false');
    case 'date': {
      // A table has a few thousand dates, grouped: the last good one is kept, not tested again.
      let last = '';
      return (text) => {
        if (text === last) return undefined;
        if (!(pattern ? pattern.test(text) : ISO_DATE.test(text) && isoOf(dayOf(text)) === text)) return 'is not a calendar date (YYYY-MM-DD)';
        last = text;
        return undefined;
      };
    }
    case 'string':
      return (text) => {
        if (s.minLength !== undefined && text.length < s.minLength) return text === '' ? 'is blank' : `is shorter than ${s.minLength} characters`;
        if (s.maxLength !== undefined && text.length > s.maxLength) return `is longer than ${s.maxLength} characters`;
        if (pattern && !pattern.test(text)) return `does not match ${s.pattern}`;
        if (allowed && !allowed.has(text)) return `is not one of ${[...allowed].join(', ')}`;
        return undefined;
      };
  }
}

function bounds(v: number, s: JsonSchema): string | undefined {
  if (s.minimum !== undefined && v < s.minimum) return `is below ${s.minimum}`;
  if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) return `is not above ${s.exclusiveMinimum}`;
  if (s.maximum !== undefined && v > s.maximum) return `is above ${s.maximum}`;
  if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) return `is not below ${s.exclusiveMaximum}`;
  return undefined;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date that {@link ColumnRule.problem} accepted (years 0000-9999). */
export function dayOf(text: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Math.round(d.getTime() / DAY_MS);
}
