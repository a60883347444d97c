/** One `--set key=v1,v2` option: a dotted params path and the values to try. */
export interface GridAxis {
  path: string;
  values: (string | number | boolean)[];
}

/** Parses `model.gbt.learningRate=0.05,0.1` into an axis; numbers and booleans are typed. */
export function parseSet(text: string): GridAxis {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new GridError(`--set ${text}: expected key=value[,value...], e.g. --set model.gbt.learningRate=0.05,0.1`);
  const typed = (v: string) => (v === 'true' ? true : v === 'false' ? false : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  return { path: text.slice(0, eq), values: text.slice(eq + 1).split(',').map(typed) };
}

/** Every combination of the axes' values (the cartesian product), as path -> value maps. */
export function expandGrid(axes: readonly GridAxis[]): Record<string, string | number | boolean>[] {
  let combos: Record<string, string | number | boolean>[] = [{}];
  for (const a of axes) combos = combos.flatMap((c) => a.values.map((v) => ({ ...c, [a.path]: v })));
  return combos;
}

/** Sets `value` at a dotted path of a nested object, refusing paths that do not exist (typos). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const [i, k] of keys.entries()) {
    if (!(k in node)) throw new GridError(`--set ${path}: params have no "${keys.slice(0, i + 1).join('.')}"`);
    if (i === keys.length - 1) node[k] = value;
    else node = node[k] as Record<string, unknown>;
  }
}

export class GridError extends Error {
  override readonly name = 'GridError';
  readonly code = 'BAD_GRID';
}
