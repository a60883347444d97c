import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayHoldout } from './holdout-replay.ts';
import { loadArtifact, writeArtifact } from './model-artifact.ts';
import { card } from './_test-card.ts';

const onnx = new Uint8Array([1, 2, 3, 4]);
const input = z.object({ x: z.number() });
const holdout = [
  { input: { x: 1 }, expected: 2, actual: 2.5 },
  { input: { x: 2 }, expected: 4 },
  { input: { x: 3 }, expected: 6 },
];
/** The "serving path" of these tests: the model is y = 2x, unless `bias` says otherwise. */
const serving = (bias = 0) => (inputs: { x: number }[]) => Promise.resolve(inputs.map((i) => 2 * i.x + (i.x === 3 ? bias : 0)));

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'cd4ml-replay-')), 'model');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});
const load = () => loadArtifact(dir, { spec: z.unknown() });

describe('replayHoldout', () => {
  it('replays every row through the serving path and reports the largest difference', async () => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': holdout });
    expect(await replayHoldout(dir, await load(), input, serving(1e-6))).toEqual({ rows: 3, maxAbsDiff: expect.closeTo(1e-6, 9) });
  });

  it('refuses a model whose files compute something else than training recorded, naming them', async () => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': holdout });
    await expect(replayHoldout(dir, await load(), input, serving(0.3))).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      message: expect.stringMatching(/holdout\.json: replayed through .*model\.onnx with the features of .*model\.json, 1 of 3 rows predict other values than training recorded \(row 2: 6\.3, expected 6\)/),
    });
  });

  it('refuses a prediction that is missing or not a number', async () => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': holdout });
    await expect(replayHoldout(dir, await load(), input, () => Promise.resolve([2, NaN]))).rejects.toMatchObject({ message: expect.stringMatching(/2 of 3 rows/) });
  });

  it('refuses a holdout that the serving path cannot compute (an item the card no longer knows), naming the files', async () => {
    await writeArtifact(dir, onnx, card, { 'holdout.json': holdout });
    await expect(replayHoldout(dir, await load(), input, () => Promise.reject(new Error('unknown item_nbr 7')))).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      message: expect.stringMatching(/holdout\.json cannot be replayed through .*model\.onnx with the features of .*model\.json: unknown item_nbr 7/),
    });
  });

  it.each([
    ['no holdout file', {}, 'MODEL_INVALID', /has no holdout\.json to replay/],
    ['an empty holdout', { 'holdout.json': [] }, 'MODEL_INVALID', /holdout\.json is not a valid holdout sample[\s\S]*the holdout sample is empty/],
    ['a row without its expected prediction', { 'holdout.json': [{ input: { x: 1 } }] }, 'MODEL_INVALID', /→ at \[0\]\.expected/],
  ])('refuses an artifact with %s', async (_, extras, code, message) => {
    await writeArtifact(dir, onnx, card, extras);
    await expect(replayHoldout(dir, await load(), input, serving())).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
