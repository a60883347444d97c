import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** Where each workspace package lives and what its `exports` map says, by package name. */
export interface PackageIndex {
  get(name: string): { root: string; exports: Record<string, string> } | undefined;
}

// Static imports and re-exports, side-effect imports, dynamic imports and worker URLs. Type-only
// imports are left out: they do not run, so they cannot change what a stage writes.
const SPECIFIERS = [
  /^\s*(?:import|export)\s+(?!type\s)[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm,
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/**
 * The workspace files a TypeScript entry point runs: the entry itself and, transitively, every
 * relative import and every import of a workspace package (through its `exports`). Third-party
 * packages are left out; the lockfile stands for them. Written by hand because the stage's code
 * inputs must be exactly what it runs: a glob over a project retrains a model when its bench or
 * its registry CLI changes, and a bundler's graph would cost a build per Nx graph computation.
 *
 * @param entry workspace-relative path of the entry point
 * @returns workspace-relative paths (a folder as an Nx glob of every file in it), sorted
 */
export function traceImports(workspaceRoot: string, entry: string, packages: PackageIndex): string[] {
  const seen = new Set<string>();
  const queue = [posix.normalize(entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const abs = join(workspaceRoot, file);
    if (!existsSync(abs)) continue;
    // A folder the code reads at run time (static files: `new URL('./public', import.meta.url)`):
    // every file in it, as an Nx glob; a bare folder path would match no file and hash nothing.
    if (statSync(abs).isDirectory()) {
      seen.add(`${file}/**/*`);
      continue;
    }
    seen.add(file);
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    const source = readFileSync(abs, 'utf8');
    for (const pattern of SPECIFIERS) {
      for (const match of source.matchAll(pattern)) {
        const target = resolveSpecifier(workspaceRoot, file, match[1]!, packages);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

function resolveSpecifier(workspaceRoot: string, from: string, specifier: string, packages: PackageIndex): string | undefined {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(from), specifier));
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const pkg = packages.get(name);
  if (!pkg) return undefined;
  const subpath = `.${specifier.slice(name.length)}`;
  const target = pkg.exports[subpath === '.' ? '.' : subpath];
  if (!target) return undefined;
  const resolved = posix.normalize(posix.join(pkg.root, target));
  return relative(workspaceRoot, join(workspaceRoot, resolved)).split('\\').join('/');
}
