export { codeVersion } from './code-version.ts';
export { ArtifactError, CARD_FILE, loadArtifact, MODEL_FILE, sha256, writeArtifact, type ArtifactErrorCode, type LoadedArtifact } from './model-artifact.ts';
export { modelCardSchema, type ModelCard } from './model-card.ts';
export { GATES_FILE, gateReportSchema, gateVerdictSchema, type GateReportFile, type GateVerdict } from './gate-report.ts';
