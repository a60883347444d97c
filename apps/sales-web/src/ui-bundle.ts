import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('./ui/main.ts', import.meta.url));
let bundle: Promise<string> | undefined;

/**
 * The UI's script: `src/ui/main.ts` and the typed client it imports (`@cd4ml/sales-client`),
 * bundled for the browser by esbuild, once per process and in memory.
 */
export function uiBundle(): Promise<string> {
  // Bundled when the app starts, never written to disk: there is no build output that could be stale or missing.
  bundle ??= build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent' }).then((result) => {
    const [file] = result.outputFiles;
    if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
    return file.text;
  });
  return bundle;
}
