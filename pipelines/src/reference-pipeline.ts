/**
 * The reference pipeline as code: ordered stages that call only Nx targets, so the local runner,
 * CI and any orchestrator speak the same stage vocabulary (DESIGN.md §4).
 */
export interface Stage {
  name: string;
  /** `project:target`, run through Nx so caching and `dependsOn` apply. */
  target: string;
  description: string;
}

export const referencePipeline: readonly Stage[] = [
  { name: 'generate', target: 'sales-data:generate', description: 'write the seeded synthetic Favorita-schema snapshot' },
  { name: 'ingest', target: 'sales-data:ingest', description: 'validate, quarantine, denormalize and split by time' },
  { name: 'train', target: 'sales-model:train', description: 'train, export ONNX, check parity, write the model artifact' },
];

/** The continuous target that serves the result. */
export const serveTarget = 'sales-web:serve';
