import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Expands `*` in path segments (e.g. `environments/production/run/*\/predictions.jsonl`, where a
 * blue/green environment has one log per slot) into the paths that exist, sorted; a path without
 * `*` is kept as given, even when it does not exist yet. Hand-written: one wildcard form is all the stages need.
 */
export function expandPaths(patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    if (!pattern.includes('*')) {
      out.push(pattern);
      continue;
    }
    let paths = [pattern.startsWith('/') ? '/' : ''];
    for (const segment of pattern.split('/').filter(Boolean)) {
      if (!segment.includes('*')) {
        paths = paths.map((p) => (p ? join(p, segment) : segment));
        continue;
      }
      const re = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
      paths = paths.flatMap((p) => {
        const dir = p || '.';
        if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
        return readdirSync(dir)
          .filter((name) => re.test(name))
          .sort()
          .map((name) => (p ? join(p, name) : name));
      });
    }
    out.push(...paths.filter((p) => existsSync(p)));
  }
  return out;
}
