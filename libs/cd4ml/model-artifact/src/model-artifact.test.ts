import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sha256, writeArtifactFiles } from './artifact-files.ts';
import { loadArtifact, writeArtifact } from './model-artifact.ts';
import { card } from './_test-card.ts';

const spec = z.object({ stores: z.array(z.number().int()) });
const onnx = new Uint8Array([1, 2, 3, 4]);
let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-artifact-'));
  dir = join(root, 'model');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = (featureSchemaVersion = 3) => loadArtifact(dir, { spec, featureSchemaVersion, missingHint: 'Run it: npx nx run demo-model:train' });

describe('model artifact', () => {
  it('round-trips, with the spec typed by the domain schema and every file in the manifest', async () => {
    const written = await writeArtifact(dir, onnx, card, { 'holdout.json': [1] });
    const loaded = await load();
    expect(loaded.card).toEqual(written);
    expect(loaded.card.spec.stores).toEqual([44]);
    expect([...loaded.onnx]).toEqual([1, 2, 3, 4]);
    expect(loaded.json('holdout.json', z.array(z.number()))).toEqual([1]);
    expect(loaded.json('absent.json', z.unknown())).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(['holdout.json', 'manifest.json', 'model.json', 'model.onnx']);
  });

  it('commits what beforeSwap writes with the artifact: when it fails, the previous artifact stays', async () => {
    await writeArtifact(dir, onnx, card);
    const seen: string[] = [];
    const next = { ...card, modelVersion: 'def' };
    await expect(
      writeArtifact(dir, onnx, next, {}, {
        beforeSwap: (written) => {
          seen.push(written.onnx.sha256);
          return Promise.reject(new Error(`${join(root, 'runs', 'r.json')} could not be written: no space left on device (ENOSPC).`));
        },
      }),
    ).rejects.toThrow(/runs\/r\.json could not be written/);
    expect(seen).toEqual([sha256(onnx)]);
    expect((await load()).card.modelVersion).toBe('abc');
    expect(await readdir(root)).toEqual(['model']);
  });

  it('names the file a full disk stopped where it belongs, not in its temporary folder, and keeps the previous artifact', async () => {
    await writeArtifact(dir, onnx, card);
    process.env['CD4ML_FAULT'] = 'enospc:holdout.json';
    try {
      await expect(writeArtifact(dir, onnx, { ...card, modelVersion: 'def' }, { 'holdout.json': [1] })).rejects.toMatchObject({
        code: 'FILE_UNWRITABLE',
        message: `${join(dir, 'holdout.json')} could not be written: no space left on device (ENOSPC). Free some space and run again.`,
      });
    } finally {
      delete process.env['CD4ML_FAULT'];
    }
    expect((await load()).card.modelVersion).toBe('abc');
  });

  it('says what to run when there is no model', async () => {
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_MISSING', message: expect.stringMatching(/no model in .*Run it: npx nx run demo-model:train/) });
  });

  it.each(['model.onnx', 'model.json', 'holdout.json'])('refuses an artifact with one flipped byte in %s, naming the file', async (file) => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': [1] });
    const bytes = await readFile(join(dir, file));
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    await writeFile(join(dir, file), bytes);
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_CORRUPT', message: expect.stringContaining(`${join(dir, file)} does not match`) });
  });

  it('refuses an artifact with a deleted file, naming it', async () => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': [1] });
    await rm(join(dir, 'holdout.json'));
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_CORRUPT', message: expect.stringMatching(/holdout\.json does not exist/) });
  });

  it('refuses a file added after the artifact was written, naming it', async () => {
    await writeArtifact(dir, onnx, card);
    await writeFile(join(dir, 'gates.json'), '{"passed":true}');
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_CORRUPT', message: expect.stringMatching(/gates\.json is not listed in .*manifest\.json/) });
  });

  it('names the card field that is wrong, even when the checksums were rewritten to match', async () => {
    // Written with valid checksums, so only the schema can catch it.
    const broken = { ...card, training: { ...card.training, trainRows: -1 }, onnx: { file: 'model.onnx', sha256: sha256(onnx), bytes: 4 } };
    await writeArtifactFiles(dir, { 'model.onnx': onnx, 'model.json': JSON.stringify(broken) });
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/model\.json is not a valid model card:[\s\S]*→ at training\.trainRows/) });
  });

  it('checks the domain spec with the domain schema, naming the field', async () => {
    await writeArtifact(dir, onnx, { ...card, spec: { stores: ['44'] } });
    await expect(load()).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/\(spec\) is not a valid feature spec:[\s\S]*→ at stores\[0\]/) });
  });

  it('refuses a model built for another feature schema', async () => {
    await writeArtifact(dir, onnx, card);
    await expect(load(4)).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE', message: expect.stringMatching(/v3, but this code computes v4/) });
  });
});
