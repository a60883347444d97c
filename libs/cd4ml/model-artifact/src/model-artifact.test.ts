import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadArtifact, writeArtifact } from './model-artifact.ts';
import type { ModelCard } from './model-card.ts';

const card: Omit<ModelCard, 'onnx'> = {
  artifactVersion: 1,
  name: 'demo',
  modelVersion: 'abc',
  runId: 'run',
  createdAt: '2026-11-24T00:00:00.000Z',
  featureSchemaVersion: 3,
  featureNames: ['a'],
  target: 'y',
  dataVersion: 'd',
  code: { commit: 'c', dirty: false },
  params: {},
  metrics: {},
  training: {},
  spec: { anything: true },
};
const onnx = new Uint8Array([1, 2, 3, 4]);
let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'cd4ml-artifact-')), 'model');
});

describe('model artifact', () => {
  it('round-trips and records the checksum', async () => {
    const written = await writeArtifact(dir, onnx, card, { 'holdout.json': [1] });
    const loaded = await loadArtifact(dir, { featureSchemaVersion: 3 });
    expect(loaded.card).toEqual(written);
    expect([...loaded.onnx]).toEqual([1, 2, 3, 4]);
    expect((await readdir(dir)).sort()).toEqual(['holdout.json', 'model.json', 'model.onnx']);
  });

  it.each([
    ['missing', async () => {}, 'MODEL_MISSING', /no model in/],
    ['corrupt', async () => writeFile(join(dir, 'model.onnx'), 'garbage'), 'MODEL_CORRUPT', /does not match its card/],
    ['invalid card', async () => writeFile(join(dir, 'model.json'), '{"artifactVersion":1}'), 'MODEL_INVALID', /not a valid model card/],
    ['unparsable card', async () => writeFile(join(dir, 'model.json'), '{'), 'MODEL_INVALID', /not valid JSON/],
  ])('refuses a %s model with a clear message', async (name, damage, code, message) => {
    if (name !== 'missing') await writeArtifact(dir, onnx, card);
    await damage();
    await expect(loadArtifact(dir, { featureSchemaVersion: 3 })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('refuses a model built for another feature schema', async () => {
    await writeArtifact(dir, onnx, card);
    await expect(loadArtifact(dir, { featureSchemaVersion: 4 })).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE', message: expect.stringMatching(/v3, but this app computes v4/) });
  });
});
