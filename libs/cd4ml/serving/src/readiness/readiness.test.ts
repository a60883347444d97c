import { describe, expect, it } from 'vitest';
import { toyModel } from '../test-support/toy-model.ts';
import { loadedModel, readiness, type ServingState } from './readiness.ts';

/** `/ready`'s rule: ready only for a loaded model whose own gates.json says it passed. */
describe('readiness', () => {
  it('is ready with a gated model, for this model.onnx, that passed', () => {
    expect(readiness({ model: toyModel('/m') })).toEqual({ ready: true, modelVersion: 'toy-1' });
  });

  it.each<[string, ServingState, RegExp]>([
    ['no model could be loaded', { notReadyReason: 'no model in /x (no manifest.json)' }, /^no model in \/x \(no manifest\.json\)$/],
    ['nothing loaded yet', {}, /^model not loaded$/],
    ["the train stage's output, never gated", { model: toyModel('/m', 'none') }, /^model toy-1 has no gates\.json: serve the gate stage's output, not the train stage's$/],
    ['a gate report that failed', { model: toyModel('/m', 'failed') }, /^\/m\/gates\.json says model toy-1 failed its gates \(threshold, slice-error\)$/],
    ["another model's gate report", { model: toyModel('/m', 'another model') }, /^\/m\/gates\.json is for model\.onnx sha256 ffffffffffff, but the loaded model\.onnx is aaaaaaaaaaaa: the gate report belongs to another model$/],
  ])('is not ready, with the reason, for %s', (_, state, reason) => {
    expect(readiness(state)).toEqual({ ready: false, reason: expect.stringMatching(reason) });
  });

  it('names the command that gates the model, when the domain gives it', () => {
    expect(readiness({ model: toyModel('/m', 'none') }, { gateCommand: 'npx nx run rentals-model:gate' })).toMatchObject({ reason: expect.stringContaining("serve the gate stage's output (npx nx run rentals-model:gate), not") });
  });
});

describe('loadedModel', () => {
  it('is the model, loaded even when not ready (direct calls are still served)', () => {
    const model = toyModel('/m', 'none');
    expect(loadedModel({ model })).toBe(model);
  });

  it('is a 503 NOT_READY saying why there is none', () => {
    expect(() => loadedModel({ notReadyReason: 'no model in /x' })).toThrow(expect.objectContaining({ status: 503, code: 'NOT_READY', message: 'no model loaded: no model in /x' }));
  });
});
