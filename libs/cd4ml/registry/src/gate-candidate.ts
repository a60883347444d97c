import { modelGates, primaryOf, type GateInputs, type GateResult } from '@cd4ml/evaluation';
import type { GateReport, ModelCard } from '@cd4ml/model-artifact';
import { lookupChampion } from './champion.ts';
import { registerVerdict } from './register-verdict.ts';

/** What the gate stage of any model needs: the candidate, how it scored, and where the registry is. */
export interface GateCandidateOptions extends Pick<GateInputs, 'policy' | 'settings' | 'overall' | 'baselines' | 'slices' | 'parity'> {
  /** The train stage's artifact folder, and its card. */
  artifactDir: string;
  card: ModelCard;
  rawDataVersion: string;
  processedDataVersion: string;
  /** Committed registry file (aliases) and local candidate store. */
  registryFile: string;
  storeDir: string;
  /** The served model: replaced only when every gate passes. */
  servedDir: string;
  /** Scores a stored artifact (the champion's) on the same validation rows: the domain's scorer. */
  rescore: (artifactDir: string) => Promise<number>;
  /** Files the candidate carries besides the artifact, e.g. an HTML model card. */
  extraFiles?: (results: readonly GateResult[]) => Readonly<Record<string, string>>;
}

/**
 * The gate stage, the same for every model: finds the champion the ratchet holds the candidate to,
 * runs every platform gate (threshold, baselines, ratchet, slices, parity), and registers and serves
 * a candidate that passes, or reports one that fails beside the served model, which stays.
 *
 * @returns the gate report (`gates.json`), with `candidate` set when it was registered
 */
export async function gateCandidate(o: GateCandidateOptions): Promise<GateReport> {
  const champion = await lookupChampion({ registryFile: o.registryFile, storeDir: o.storeDir, processedDataVersion: o.processedDataVersion, rescore: o.rescore });
  const results = modelGates({ policy: o.policy, settings: o.settings, overall: o.overall, baselines: o.baselines, referenceBaseline: o.card.metrics.referenceBaseline, slices: o.slices, champion, parity: o.parity });
  const report: GateReport = {
    name: o.card.name,
    modelVersion: o.card.modelVersion,
    modelSha256: o.card.onnx.sha256,
    metric: { name: o.policy.primary, value: primaryOf(o.overall, o.policy) },
    rawDataVersion: o.rawDataVersion,
    processedDataVersion: o.processedDataVersion,
    passed: results.every((r) => r.passed),
    results,
  };
  return registerVerdict({ artifactDir: o.artifactDir, servedDir: o.servedDir, storeDir: o.storeDir, report, ...(o.extraFiles ? { extraFiles: o.extraFiles(results) } : {}) });
}
