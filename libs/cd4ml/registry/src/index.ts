export { promote, readRegistry, rollback, type AliasEntry, type RegistryFile } from './aliases.ts';
export { candidateDir, hasCandidate, readCandidate, registerCandidate } from './candidate-store.ts';
export { lookupChampion } from './champion.ts';
export { diffRecords, flatten, type DiffRow } from './diff-runs.ts';
export { gateCandidate, type GateCandidateOptions } from './gate-candidate.ts';
export { recordRun } from './record-run.ts';
export { registerVerdict, rejectedPath } from './register-verdict.ts';
export { RegistryError, type RegistryErrorCode } from './registry-error.ts';
export { listRuns, readRun, runRecordSchema, writeRun, type RunRecord, type SkippedRun } from './run-store.ts';
