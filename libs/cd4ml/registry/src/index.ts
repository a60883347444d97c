export { candidateDir, hasCandidate, registerCandidate, RegistryError } from './candidate-store.ts';
export { promote, readRegistry, rollback, type AliasEntry, type RegistryFile } from './aliases.ts';
export { listRuns, readRun, writeRun, type RunRecord } from './run-store.ts';
export { diffRecords, flatten, type DiffRow } from './diff-runs.ts';
