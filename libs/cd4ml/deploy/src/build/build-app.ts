import { join, parse as parsePath, posix } from 'node:path';
import { FileError } from '@cd4ml/fs';
import { loadProject } from '@cd4ml/pipeline/declarations';
import { build } from 'esbuild';
import type { AppDescriptorInput } from '../app-descriptor.ts';
import { DeployError } from '../deploy-error.ts';
import { bundleNodeApp } from './bundle-app.ts';

/**
 * onnxruntime-node's JavaScript and its native library for this machine only (the package holds
 * every platform's: 288 MB). Every app of the layout serves an ONNX model through it.
 */
const ONNX_RUNTIME = [
  'node_modules/onnxruntime-node/package.json',
  'node_modules/onnxruntime-node/dist',
  `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}`,
  'node_modules/onnxruntime-common/package.json',
  'node_modules/onnxruntime-common/dist',
];

/**
 * How the platform starts every release: the standard serving options of `@cd4ml/serving`, so an
 * app declares none of them. `{instance}` is one process's folder, `{data}` the environment's.
 */
export const standardStart = (main: string): string[] => [`{release}/app/${main}`, '--model', '{model}', '--host', '127.0.0.1', '--port', '{port}', '--prediction-log', '{instance}/predictions.jsonl', '--actuals', '{data}/actuals.jsonl'];

/**
 * The `build` stage of any app that declares a `release` in its cd4ml.json: the server bundled
 * into plain JavaScript (no tsx, no esbuild at run time), its browser scripts bundled and its static
 * files copied beside it, and `app.json`, how the platform starts and smoke-tests it.
 *
 * @param projectRoot the app's folder, workspace-relative, e.g. "apps/rentals-web"
 */
export async function buildApp(o: { workspaceRoot: string; projectRoot: string; name: string; outDir: string }): Promise<{ files: number; bundleId: string }> {
  const file = posix.join(o.projectRoot, 'cd4ml.json');
  const release = loadProject(o.workspaceRoot, o.projectRoot)?.config?.release;
  if (!release) throw new FileError('FILE_INVALID', file, `${file} declares no "release": nothing to build. Declare the app's release (the model it serves and its smoke test); see docs/deploy.md.`);
  const at = (p: string) => join(o.workspaceRoot, o.projectRoot, p);
  const descriptor: AppDescriptorInput = { name: o.name, start: standardStart(`${parsePath(release.entry).name}.js`), runtime: ONNX_RUNTIME, smoke: release.smoke };
  const browser = await Promise.all(Object.entries(release.browser).map(([entry, to]) => bundleBrowser(at(entry), to)));
  return bundleNodeApp({
    entry: at(release.entry),
    outDir: o.outDir,
    workspaceRoot: o.workspaceRoot,
    // esbuild stays out too: an app may bundle its UI with it while served from source, never in a release.
    external: ['onnxruntime-node', 'esbuild'],
    assets: Object.entries(release.assets).map(([from, to]) => ({ from: at(from), to })),
    files: browser,
    descriptor,
  });
}

/** One browser script, bundled and minified for the release: `to` is its path beside the server's bundle. */
async function bundleBrowser(entry: string, to: string): Promise<{ path: string; text: string }> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent' }).catch((error: Error) => {
    throw new DeployError('BUILD_FAILED', `esbuild could not bundle the browser script ${entry}: ${error.message}`);
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new DeployError('BUILD_FAILED', `esbuild wrote nothing for the browser script ${entry}`);
  return { path: to, text };
}
