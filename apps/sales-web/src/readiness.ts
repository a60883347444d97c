import { GATES_FILE } from '@cd4ml/model-artifact';
import type { AppState } from './api-context.ts';

/** What `/ready` answers: ready with the model version, or not with the reason. */
export type Readiness = { ready: true; modelVersion: string } | { ready: false; reason: string };

/**
 * The readiness rule: the model loaded, and its `gates.json` exists, says passed, and was written
 * for this very `model.onnx` (its `modelSha256`). A model that was never gated, failed its gates
 * or sits beside another model's report is served to direct calls, but never reported ready.
 */
export function readiness(state: AppState): Readiness {
  const model = state.model;
  if (!model) return { ready: false, reason: state.notReadyReason ?? 'model not loaded' };
  const gates = model.gates;
  const where = `${model.dir}/${GATES_FILE}`;
  if (!gates) return { ready: false, reason: `model ${model.version} has no ${GATES_FILE}: serve the gate stage's output (npx nx run sales-model:gate), not the train stage's` };
  if (gates.modelSha256 !== model.card.onnx.sha256) {
    return {
      ready: false,
      reason: `${where} is for model.onnx sha256 ${gates.modelSha256.slice(0, 12)}, but the loaded model.onnx is ${model.card.onnx.sha256.slice(0, 12)}: the gate report belongs to another model`,
    };
  }
  if (!gates.passed) {
    const failed = gates.results.filter((r) => !r.passed).map((r) => r.gate);
    return { ready: false, reason: `${where} says model ${model.version} failed its gates${failed.length > 0 ? ` (${failed.join(', ')})` : ''}` };
  }
  return { ready: true, modelVersion: model.version };
}
