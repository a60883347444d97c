import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TemplateName } from './options.ts';

/** One file of a template: its path in the new workspace and its bytes. */
export interface TemplateFile {
  path: string;
  bytes: Uint8Array;
  /** Written with the executable bit (e.g. `.ci/run`). */
  executable: boolean;
}

/** Where the minimal template's own files live in this repository. */
export const MINIMAL_DIR = 'generators/create-cd4ml/templates/minimal';

/**
 * The files every template shares: the platform (`libs/cd4ml/*`), the root configuration that wires
 * it (Nx plugin, TypeScript, lint, dead code, npm), and the in-workspace generators.
 */
const SHARED = [/^libs\/cd4ml\//, /^(nx\.json|tsconfig\.base\.json|eslint\.config\.js|knip\.json|\.npmrc|\.gitignore|plopfile\.js)$/, /^generators\/plop\//, /^(registry|pacts|releases|environments)\/\.gitignore$/];

/**
 * Which files of this repository a template is made of, by workspace path. `sales-forecasting` is
 * the repository itself, less the scaffolder: one source, so the reference and the template cannot
 * drift. `minimal` is the shared platform plus the minimal domain's own files, which win.
 *
 * @param tracked the repository's files (git ls-files), workspace-relative
 */
export function selectTemplateFiles(template: TemplateName, tracked: readonly string[]): { from: string; to: string }[] {
  const own = (f: string) => f.startsWith('generators/create-cd4ml/');
  if (template === 'sales-forecasting') return tracked.filter((f) => !own(f) && f !== 'generators/README.md').map((f) => ({ from: f, to: f }));
  const overlay = tracked.filter((f) => f.startsWith(`${MINIMAL_DIR}/`)).map((f) => ({ from: f, to: f.slice(MINIMAL_DIR.length + 1) }));
  const mine = new Set(overlay.map((f) => f.to));
  const shared = tracked.filter((f) => !own(f) && SHARED.some((p) => p.test(f)) && !mine.has(f)).map((f) => ({ from: f, to: f }));
  return [...shared, ...overlay].sort((a, b) => (a.to < b.to ? -1 : 1));
}

/** This repository's files as git knows them (committed or staged), when the scaffolder runs from it. */
export function trackedFiles(repoRoot: string): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
  return out
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(repoRoot, f)))
    .sort();
}

/**
 * A packed template: one JSON file per template, so npm's packing rules (it drops `.npmrc` and
 * `.gitignore` files, and may lose executable bits) cannot change a template.
 */
export const packedTemplateSchema = z.object({
  template: z.string(),
  files: z.array(z.object({ path: z.string().min(1), base64: z.string(), executable: z.boolean() })),
});

/** Where `npm pack` puts a packed template inside the package. */
export const packedTemplatePath = (packageRoot: string, template: TemplateName) => join(packageRoot, 'dist', 'templates', `${template}.json`);

/**
 * The files of a template: read from this repository when the scaffolder runs from it, else from
 * `dist/templates/<name>.json`, written by `npm pack`.
 */
export function loadTemplateFiles(template: TemplateName, packageRoot: string): TemplateFile[] {
  // Inside the repository (the source is there) the repository is the template; a packed package
  // has no src/, only dist/.
  const repoRoot = join(packageRoot, '..', '..');
  if (existsSync(join(packageRoot, 'src')) && existsSync(join(repoRoot, 'nx.json'))) {
    return selectTemplateFiles(template, trackedFiles(repoRoot)).map(({ from, to }) => readTemplateFile(join(repoRoot, from), to));
  }
  const packed = packedTemplatePath(packageRoot, template);
  if (!existsSync(packed)) throw new Error(`${packed} is missing: this copy of create-cd4ml is incomplete; reinstall it`);
  const json = packedTemplateSchema.parse(JSON.parse(readFileSync(packed, 'utf8')));
  return json.files.map((f) => ({ path: f.path, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')), executable: f.executable }));
}

function readTemplateFile(abs: string, path: string): TemplateFile {
  return { path, bytes: new Uint8Array(readFileSync(abs)), executable: (statSync(abs).mode & 0o111) !== 0 };
}

