/**
 * The reference pipeline as code: ordered stages that call only Nx targets, so the local runner,
 * CI and any orchestrator speak the same stage vocabulary (generate, ingest, validate, train, ...).
 */
export interface Stage {
  name: string;
  /** `project:target`, run through Nx so caching and `dependsOn` apply. */
  target: string;
  description: string;
}

export const referencePipeline: readonly Stage[] = [
  { name: 'generate', target: 'sales-data:generate', description: 'write the seeded synthetic Favorita-schema snapshot' },
  { name: 'ingest', target: 'sales-data:ingest', description: 'check rows, quarantine, denormalize and split by time' },
  { name: 'validate', target: 'sales-data:validate', description: 'data tests on the actual data against the committed baseline; HTML report' },
  { name: 'train', target: 'sales-model:train', description: 'train, export ONNX, check parity, write the model artifact and run record' },
  { name: 'evaluate', target: 'sales-model:evaluate', description: 'metrics overall and per slice against the baselines; HTML report' },
  { name: 'gate', target: 'sales-model:gate', description: 'threshold, ratchet, fairness and parity gates on the exported model; register it' },
  { name: 'contract', target: 'sales-web:contract', description: 'consumer pact tests, then provider verification against the real app' },
];

/** The continuous target that serves the result. */
export const serveTarget = 'sales-web:serve';
