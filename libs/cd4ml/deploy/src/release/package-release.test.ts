import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toyApp, toyModel, toyWorkspace } from '../test-support/toy-release.ts';
import { packageRelease } from './package-release.ts';
import { listReleases, readRelease } from './release-manifest.ts';

let ws: Awaited<ReturnType<typeof toyWorkspace>>;
let app: string;
let model: string;
beforeAll(async () => {
  ws = await toyWorkspace();
  app = await toyApp(join(ws.root, 'build'));
  model = await toyModel(join(ws.root, 'model-a'), 'model-a');
});
const pack = (modelDir = model, appDir = app) => packageRelease({ appDir, modelDir, releasesDir: ws.releasesDir, workspaceRoot: ws.root });

describe('packageRelease', () => {
  it('makes an immutable release named after its content, with what it is made of in release.json', async () => {
    const { release, created } = await pack();
    expect(created).toBe(true);
    expect(release.manifest).toMatchObject({
      app: { name: 'toy-web' },
      model: { name: 'toy', version: 'model-a', dir: 'model' },
      data: { raw: expect.stringMatching(/^[0-9a-f]{64}$/), processed: expect.stringMatching(/^[0-9a-f]{64}$/) },
      gates: { passed: true },
      code: { commit: expect.any(String), dirty: expect.any(Boolean) },
      lockfileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(Object.keys(release.manifest.files).sort()).toEqual(['app.json', 'app/main.mjs', 'app/mode.json', 'model/gates.json', 'model/holdout.json', 'model/manifest.json', 'model/model.json', 'model/model.onnx']);
    expect((await stat(join(release.dir, 'app/main.mjs'))).mode & 0o222).toBe(0);
    const again = await pack();
    expect(again).toMatchObject({ created: false, release: { manifest: { id: release.manifest.id } } });
    const other = await pack(await toyModel(join(ws.root, 'model-b'), 'model-b'));
    expect(other.release.manifest.id).not.toBe(release.manifest.id);
    expect((await listReleases(ws.releasesDir)).map((r) => r.manifest.model.version).sort()).toEqual(['model-a', 'model-b']);
  });

  it('refuses a model whose gates failed, and one without a gate report, naming the folder', async () => {
    await expect(pack(await toyModel(join(ws.root, 'model-failed'), 'model-x', { passed: false }))).rejects.toMatchObject({ code: 'MODEL_NOT_GATED', message: expect.stringMatching(/model-failed\/gates\.json says model model-x failed its gates \(parity\)/) });
  });

  it('refuses a release whose files changed after it was written, naming the file; a missing release says how to make one', async () => {
    const { release } = await pack();
    const file = join(release.dir, 'app', 'main.mjs');
    await chmod(file, 0o644);
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}// edited\n`);
    try {
      await expect(readRelease(ws.releasesDir, release.manifest.id, { verify: true })).rejects.toMatchObject({ code: 'RELEASE_INVALID', message: expect.stringMatching(/app\/main\.mjs has sha256 \w+, expected \w+.*never modified/) });
      await expect(pack()).rejects.toMatchObject({ code: 'RELEASE_INVALID' });
    } finally {
      await writeFile(file, original);
    }
    await expect(readRelease(ws.releasesDir, '0123456789abcdef')).rejects.toMatchObject({ code: 'RELEASE_MISSING', message: expect.stringMatching(/package/) });
  });

  it('leaves no half release: the temporary of a packager that was killed is removed by the next one', async () => {
    const leftover = join(ws.releasesDir, '.tmp-0123456789abcdef-999999');
    await mkdir(join(leftover, 'app'), { recursive: true });
    await pack(await toyModel(join(ws.root, 'model-c'), 'model-c'));
    await expect(stat(leftover)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
