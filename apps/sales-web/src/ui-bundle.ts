import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL relative to import.meta.url: the release bundler takes such a URL of a .ts file
// for a worker of the server, and would bundle the UI for Node.
const entry = join(import.meta.dirname, 'ui', 'main.ts');
// In a release the build stage has bundled the UI into public/app.js beside the server's bundle
// (cd4ml.json: release.browser); served from source, there is no such file.
const prebuilt = fileURLToPath(new URL('./public/app.js', import.meta.url));
let bundle: Promise<string> | undefined;

/**
 * The UI's script: `src/ui/main.ts` and the typed client it imports (`@cd4ml/sales-client`),
 * bundled for the browser once per process: read from the release, or bundled in memory by
 * esbuild when the app runs from source (never written there, so it cannot be stale).
 */
export function uiBundle(): Promise<string> {
  bundle ??= existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : bundleFromSource();
  return bundle;
}

async function bundleFromSource(): Promise<string> {
  // Imported here only: a release has no esbuild (the build leaves it out of the bundle).
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent' });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  return file.text;
}
