import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runMain } from '@cd4ml/cli';
import { bundleNodeApp, type AppDescriptorInput } from '@cd4ml/deploy';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { build, type Plugin } from 'esbuild';

// The `build` stage of sales-web: the app bundled into plain JavaScript for a release (no tsx, no
// esbuild at run time), with how the platform starts and smoke-tests it. These URLs are also what
// the Nx plugin traces as the stage's code inputs: the server and everything it imports, the UI.
const entry = fileURLToPath(new URL('./src/main.ts', import.meta.url));
const uiEntry = fileURLToPath(new URL('./src/ui/main.ts', import.meta.url));
const uiModule = fileURLToPath(new URL('./src/ui-bundle.ts', import.meta.url));
const publicDir = fileURLToPath(new URL('./src/public', import.meta.url));

const program = new Command('sales-web-build').description('Bundle sales-web for a release: dist/apps/sales-web/{app/, app.json, manifest.json}.').requiredOption('--out <dir>', 'the build output folder (replaced)');

/** onnxruntime-node's JavaScript and its native library for this machine only (the package holds every platform's: 288 MB). */
const runtime = [
  'node_modules/onnxruntime-node/package.json',
  'node_modules/onnxruntime-node/dist',
  `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}`,
  'node_modules/onnxruntime-common/package.json',
  'node_modules/onnxruntime-common/dist',
];

const descriptor: AppDescriptorInput = {
  name: 'sales-web',
  start: ['{release}/app/main.js', '--model', '{model}', '--host', '127.0.0.1', '--port', '{port}', '--prediction-log', '{instance}/predictions.jsonl', '--actuals', '{data}/actuals.jsonl'],
  runtime,
  smoke: {
    health: '/health',
    ready: '/ready',
    model: { path: '/api/v1/model', versionField: 'modelVersion' },
    // Forecasts are rounded to hundredths of a unit.
    replay: { path: '/api/v1/forecast/batch', requestField: 'rows', answersField: 'forecasts', valueField: 'unit_sales', versionField: 'modelVersion', maxRows: 1000, rounding: 0.01 },
  },
};

/**
 * The app bundles its UI when it starts (src/ui-bundle.ts, with esbuild). In a release the UI is
 * bundled here, once, with the same options, and that module returns it: the release needs no
 * esbuild. It fails loudly if the module no longer exports `uiBundle`, so the two cannot drift apart.
 */
async function prebuiltUi(): Promise<Plugin> {
  const source = await readFile(uiModule, 'utf8');
  if (!/export function uiBundle\(\): Promise<string>/.test(source)) throw new Error(`${uiModule} no longer exports uiBundle(): Promise<string>; update apps/sales-web/build.ts`);
  const ui = await build({ entryPoints: [uiEntry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent' });
  const text = ui.outputFiles[0]?.text;
  if (text === undefined) throw new Error(`esbuild wrote nothing for ${uiEntry}`);
  return {
    name: 'sales-web-prebuilt-ui',
    setup(b) {
      b.onLoad({ filter: /[\\/]ui-bundle\.ts$/ }, (args) => (args.path === uiModule ? { contents: `export function uiBundle() { return Promise.resolve(${JSON.stringify(text)}); }`, loader: 'js' } : undefined));
    },
  };
}

await runMain(async () => {
  const o = program.parse().opts();
  const { files, bundleId } = await bundleNodeApp({
    entry,
    outDir: o.out,
    workspaceRoot: findWorkspaceRoot(import.meta.dirname),
    external: ['onnxruntime-node'],
    assets: [{ from: publicDir, to: 'public' }],
    descriptor,
    plugins: [await prebuiltUi()],
  });
  console.log(`bundled sales-web into ${o.out}: ${files} files, bundle ${bundleId}, with onnxruntime-node for ${process.platform}-${process.arch}`);
});
