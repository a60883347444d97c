export { ArtifactError, type ArtifactErrorCode } from './artifact-error.ts';
export { ARTIFACT_MANIFEST, readArtifactFiles, sha256, writeArtifactFiles, type ArtifactManifest } from './artifact-files.ts';
export { codeVersion } from './code-version.ts';
export { HOLDOUT_FILE, holdoutSchema, replayHoldout } from './holdout-replay.ts';
export { GATES_FILE, gateReportSchema, type GateReport } from './gate-report.ts';
export { CARD_FILE, loadArtifact, MODEL_FILE, writeArtifact, type LoadedArtifact } from './model-artifact.ts';
export { cardMetricsSchema, cardTrainingSchema, modelCardSchema, type CardMetrics, type CardTraining, type ModelCard } from './model-card.ts';
