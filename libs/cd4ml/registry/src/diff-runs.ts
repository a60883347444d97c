/** One changed figure between two runs. */
export interface DiffRow {
  key: string;
  a: unknown;
  b: unknown;
  /** b − a when both are numbers. */
  delta?: number;
}

/** Flattens nested objects into dotted keys: { a: { b: 1 } } -> { "a.b": 1 }. Arrays stay whole. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/**
 * Compares two nested records key by key, like `dvc params diff` / `dvc metrics diff`.
 * @param all include unchanged keys too
 */
export function diffRecords(a: unknown, b: unknown, all = false): DiffRow[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  const rows: DiffRow[] = [];
  for (const key of keys) {
    const va = fa[key];
    const vb = fb[key];
    const same = JSON.stringify(va) === JSON.stringify(vb);
    if (same && !all) continue;
    rows.push(typeof va === 'number' && typeof vb === 'number' ? { key, a: va, b: vb, delta: vb - va } : { key, a: va, b: vb });
  }
  return rows;
}
