import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { describe, expect, it } from 'vitest';
import { toyDescriptor } from '../test-support/toy-release.ts';
import { bundleNodeApp } from './bundle-app.ts';

describe('bundleNodeApp', () => {
  it('bundles a TypeScript server and the worker it starts into JavaScript that runs with plain node, away from the workspace', async () => {
    const src = await mkdtemp(join(tmpdir(), 'cd4ml-bundle-src-'));
    // The layout's worker convention: register tsx in the worker, then import the .ts file.
    await writeFile(
      join(src, 'main.ts'),
      [
        "import { Worker } from 'node:worker_threads';",
        "import { z } from 'zod';",
        "const boot = (file: URL) => `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(file.href)}); });`;",
        "const worker = new Worker(boot(new URL('./say-worker.ts', import.meta.url)), { eval: true, workerData: z.string().parse('hello') });",
        "worker.on('message', (m: string) => { console.log(`worker said ${m}`); void worker.terminate(); });",
      ].join('\n'),
    );
    await writeFile(join(src, 'say-worker.ts'), "import { parentPort, workerData } from 'node:worker_threads';\nconst text: string = String(workerData);\nparentPort?.postMessage(text.toUpperCase());\n");
    await mkdir(join(src, 'public'));
    await writeFile(join(src, 'public', 'index.html'), '<h1>hi</h1>');
    await symlink(join(findWorkspaceRoot(import.meta.dirname), 'node_modules'), join(src, 'node_modules'));
    const out = join(src, 'dist');
    const r = await bundleNodeApp({ entry: join(src, 'main.ts'), outDir: out, workspaceRoot: findWorkspaceRoot(import.meta.dirname), assets: [{ from: join(src, 'public'), to: 'public' }], descriptor: toyDescriptor });
    expect(r.files).toBe(4);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual(['app.json', 'app/main.js', 'app/public/index.html', 'app/say-worker.js']);
    // Far from any node_modules: no tsx, no zod to fall back on.
    const away = await mkdtemp(join(tmpdir(), 'cd4ml-bundle-run-'));
    await cp(out, away, { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, [join(away, 'app', 'main.js')], { cwd: away, env: { PATH: process.env['PATH'] ?? '' } });
    expect(stdout.trim()).toBe('worker said HELLO');
  });
});
