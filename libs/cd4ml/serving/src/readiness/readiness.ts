import { GATES_FILE, type GateReport } from '@cd4ml/model-artifact';
import { HttpError } from '../errors/http-error.ts';

/**
 * What the platform needs of a served model: a model artifact the domain loaded and verified
 * against its checksums (`loadArtifact`), its card and its gate report.
 */
export interface VerifiedModel {
  /** The folder the model was loaded from. */
  readonly dir: string;
  readonly card: {
    readonly modelVersion: string;
    readonly rawDataVersion: string;
    readonly processedDataVersion: string;
    readonly onnx: { readonly sha256: string };
  };
  /** The gate stage's `gates.json`; null or undefined when the gate stage has not run on this model. */
  readonly gates: GateReport | null | undefined;
  /** Releases what the model holds (its ONNX session). */
  close(): Promise<void>;
}

/** What an app serves from: the model (absent until loaded, or when it failed to load) and why not. */
export interface ServingState<M extends VerifiedModel = VerifiedModel> {
  model?: M;
  /** Why the app is not ready, when it has no model. */
  notReadyReason?: string;
}

/** What `/ready` answers: ready with the model version, or not with the reason. */
export type Readiness = { ready: true; modelVersion: string } | { ready: false; reason: string };

/** Options of {@link readiness}. */
export interface ReadinessOptions {
  /** The command that gates this model, named when a model without `gates.json` is served, e.g. `npx nx run sales-model:gate`. */
  gateCommand?: string;
}

/**
 * The readiness rule: the model loaded, and its `gates.json` exists, says passed, and was written
 * for this very `model.onnx` (its `modelSha256`). A model that was never gated, failed its gates
 * or sits beside another model's report is served to direct calls, but never reported ready.
 */
export function readiness(state: ServingState, o: ReadinessOptions = {}): Readiness {
  const model = state.model;
  if (!model) return { ready: false, reason: state.notReadyReason ?? 'model not loaded' };
  const { gates, card } = model;
  const version = card.modelVersion;
  const where = `${model.dir}/${GATES_FILE}`;
  if (!gates) return { ready: false, reason: `model ${version} has no ${GATES_FILE}: serve the gate stage's output${o.gateCommand ? ` (${o.gateCommand})` : ''}, not the train stage's` };
  if (gates.modelSha256 !== card.onnx.sha256) {
    return {
      ready: false,
      reason: `${where} is for model.onnx sha256 ${gates.modelSha256.slice(0, 12)}, but the loaded model.onnx is ${card.onnx.sha256.slice(0, 12)}: the gate report belongs to another model`,
    };
  }
  if (!gates.passed) {
    const failed = gates.results.filter((r) => !r.passed).map((r) => r.gate);
    return { ready: false, reason: `${where} says model ${version} failed its gates${failed.length > 0 ? ` (${failed.join(', ')})` : ''}` };
  }
  return { ready: true, modelVersion: version };
}

/**
 * The loaded model, for a route that needs one; a 503 `NOT_READY` saying why there is none. A
 * model that is loaded but not ready (never gated) still answers direct calls.
 */
export function loadedModel<M extends VerifiedModel>(state: ServingState<M>): M {
  if (!state.model) throw new HttpError(503, 'NOT_READY', `no model loaded: ${state.notReadyReason ?? 'starting up'}`);
  return state.model;
}
