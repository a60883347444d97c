import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDescriptorSchema } from '../app-descriptor.ts';
import { buildApp, standardStart } from './build-app.ts';

let ws: string;
const write = async (file: string, text: string) => {
  await mkdir(dirname(join(ws, file)), { recursive: true });
  await writeFile(join(ws, file), text);
};
const release = { model: 'toy-model:gate', entry: 'src/server.ts', assets: { 'src/public': 'public' }, browser: { 'src/ui/page.ts': 'public/page.js' }, smoke: { replay: { path: '/predict', requestField: 'rows', answersField: 'answers', valueField: 'y', versionField: 'version' } } };

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-build-app-'));
  await symlink(join(findWorkspaceRoot(import.meta.dirname), 'node_modules'), join(ws, 'node_modules'));
  await write('apps/toy/package.json', JSON.stringify({ name: '@toy/web', type: 'module' }));
  await write('apps/toy/cd4ml.json', JSON.stringify({ release }));
  await write('apps/toy/src/server.ts', "import { greeting } from './greeting.ts';\nconsole.log(greeting('server'));\n");
  await write('apps/toy/src/greeting.ts', 'export const greeting = (who: string): string => `hello from the ${who}`;\n');
  await write('apps/toy/src/ui/page.ts', "import { greeting } from '../greeting.ts';\ndocument.title = greeting('page');\n");
  await write('apps/toy/src/public/index.html', '<script type="module" src="/page.js"></script>');
});
afterAll(() => rm(ws, { recursive: true, force: true }));

describe("buildApp: any app, from the release its cd4ml.json declares", () => {
  it("bundles the server and its browser script, copies its static files, and writes how the platform starts and smoke-tests it", async () => {
    const out = join(ws, 'dist/apps/toy');
    await buildApp({ workspaceRoot: ws, projectRoot: 'apps/toy', name: 'toy-web', outDir: out });
    const descriptor = appDescriptorSchema.parse(JSON.parse(await readFile(join(out, 'app.json'), 'utf8')));
    expect(descriptor).toMatchObject({ name: 'toy-web', start: standardStart('server.js'), smoke: { health: '/health', ready: '/ready', model: { path: '/api/v1/model', versionField: 'modelVersion' }, replay: { path: '/predict', maxRows: 1000 } } });
    expect(descriptor.start.slice(0, 3)).toEqual(['{release}/app/server.js', '--model', '{model}']);
    expect(descriptor.runtime.some((r) => r.startsWith('node_modules/onnxruntime-node/bin/napi-v6/'))).toBe(true);
    expect(await readFile(join(out, 'app/server.js'), 'utf8')).toContain('hello from the');
    const page = await readFile(join(out, 'app/public/page.js'), 'utf8');
    expect(page).toContain('document.title');
    expect(page).not.toMatch(/createRequire|node:module/); // bundled for the browser, not for Node
    expect(await readFile(join(out, 'app/public/index.html'), 'utf8')).toContain('/page.js');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(['app.json', 'app/public/index.html', 'app/public/page.js', 'app/server.js']);
  });

  it('refuses an app that declares no release, naming its cd4ml.json and what to declare', async () => {
    await write('apps/bare/package.json', JSON.stringify({ name: '@toy/bare' }));
    await write('apps/bare/cd4ml.json', JSON.stringify({ stages: {} }));
    await expect(buildApp({ workspaceRoot: ws, projectRoot: 'apps/bare', name: 'bare', outDir: join(ws, 'dist/bare') })).rejects.toThrow(/apps\/bare\/cd4ml\.json declares no "release": nothing to build\. Declare the app's release/);
  });
});
