import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { replaceDirAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { build, type Plugin } from 'esbuild';
import { DeployError } from '../deploy-error.ts';
import { APP_DESCRIPTOR_FILE, appDescriptorSchema, type AppDescriptorInput } from '../app-descriptor.ts';
import { contentId, hashFile, listFilesDeep } from '../release/hash-files.ts';

/** How to bundle a Node app for a release. */
export interface BundleOptions {
  /** The server's entry point (TypeScript). */
  entry: string;
  /** The build output; replaced atomically. It holds `app/`, `app.json` and `manifest.json`. */
  outDir: string;
  workspaceRoot: string;
  /** Packages left out of the bundle (native modules); their files go in `descriptor.runtime`. */
  external?: readonly string[];
  /** Files or folders copied as they are, `to` relative to `app/` (static files the app serves). */
  assets?: readonly { from: string; to: string }[];
  /** Files made by the build (bundled browser scripts), `path` relative to `app/`. */
  files?: readonly { path: string; text: string }[];
  /** How the platform starts and smoke-tests the app (`app.json`). */
  descriptor: AppDescriptorInput;
}

// `new URL('./worker.ts', import.meta.url)`: a file started apart (a worker thread), bundled as its own entry.
const WORKER_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\.ts\1\s*,\s*import\.meta\.url\s*\)/g;
// Workers of the layout register tsx before importing their .ts file; bundled JavaScript needs no loader.
const TSX_API = /import\.meta\.resolve\(\s*(['"])tsx\/esm\/api\1\s*\)/g;
const NO_LOADER = JSON.stringify(`data:text/javascript,${encodeURIComponent('export function register() {}')}`);

/** Rewrites worker URLs to the bundled `.js` files beside the entry, and collects those workers. */
function workers(found: Set<string>): Plugin {
  return {
    name: 'cd4ml-workers',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (source.search(WORKER_URL) < 0 && source.search(TSX_API) < 0) return undefined;
        const contents = source
          .replace(WORKER_URL, (_m, _q: string, rel: string) => {
            found.add(resolve(dirname(args.path), `${rel}.ts`));
            return `new URL('./${basename(rel)}.js', import.meta.url)`;
          })
          .replace(TSX_API, NO_LOADER);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles a Node app with esbuild into plain JavaScript (no tsx at run time): the entry and every
 * worker it starts from a `new URL('./x.ts', import.meta.url)` become `app/<name>.js`; packages in
 * `external` stay out and are listed as runtime files; `assets` are copied. Writes `app.json` (the
 * descriptor the platform starts and smoke-tests the release with) and a `manifest.json` of every
 * file's sha256, which the package stage reads and Nx hashes.
 */
export async function bundleNodeApp(o: BundleOptions): Promise<{ files: number; bundleId: string }> {
  const descriptor = appDescriptorSchema.parse(o.descriptor);
  return replaceDirAtomic(o.outDir, async (tmp) => {
    const found = new Set<string>();
    const done = new Set<string>();
    let entries = [resolve(o.entry)];
    while (entries.length > 0) {
      for (const e of entries) done.add(e);
      await build({
        entryPoints: entries,
        outdir: join(tmp, 'app'),
        entryNames: '[name]',
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: [...(o.external ?? [])],
        // CommonJS packages inside an ES module bundle call require() for Node's built-ins.
        banner: { js: "import { createRequire as __cd4mlRequire } from 'node:module';\nconst require = __cd4mlRequire(import.meta.url);" },
        plugins: [workers(found)],
        logLevel: 'silent',
      }).catch((error: Error) => {
        throw new DeployError('BUILD_FAILED', `esbuild could not bundle ${entries.join(', ')}: ${error.message}`);
      });
      entries = [...found].filter((f) => !done.has(f));
    }
    for (const a of o.assets ?? []) await cp(a.from, join(tmp, 'app', a.to), { recursive: true });
    for (const f of o.files ?? []) {
      await mkdir(dirname(join(tmp, 'app', f.path)), { recursive: true });
      await writeFile(join(tmp, 'app', f.path), f.text);
    }
    await writeJsonAtomic(join(tmp, APP_DESCRIPTOR_FILE), descriptor);
    const files: Record<string, string> = {};
    for (const f of await listFilesDeep(tmp)) files[f] = await hashFile(join(tmp, f));
    const runtime: Record<string, string> = {};
    for (const r of descriptor.runtime) {
      const abs = join(o.workspaceRoot, r);
      for (const f of await listFilesDeep(abs).catch(() => [''])) runtime[f ? `${r}/${f}` : r] = await hashFile(f ? join(abs, f) : abs);
    }
    const bundleId = contentId({ ...files, ...runtime }).slice(0, 16);
    await writeJsonAtomic(join(tmp, 'manifest.json'), { bundleId, files, runtime });
    return { files: Object.keys(files).length, bundleId };
  });
}
