import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The workspace root: the nearest folder at or above `from` that holds `nx.json`. Scripts and tests
 * find it this way instead of counting `../`, so they keep working when a file moves.
 *
 * @param from where to start, e.g. `import.meta.dirname` @default process.cwd()
 */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json in ${resolve(from)} or any folder above it: run this inside a cd4ml workspace`);
    dir = parent;
  }
}
