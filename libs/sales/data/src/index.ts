export { defaultGenerateOptions, generateSnapshot, MANIFEST_FILE, type GenerateOptions } from './generate/generate-snapshot.ts';
export { defaultIngestOptions, ingest, INGEST_FILES, rejectedDir, type IngestHooks, type IngestOptions, type IngestReport } from './ingest/ingest.ts';
export { ReconciliationError } from './ingest/reconcile.ts';
export { DataValidationError } from './data-validation-error.ts';
export type { BacktestOptions } from './ingest/backtest-folds.ts';
export type { SalesFilter } from './ingest/sales-scanner.ts';
export { TrainRowChecker, rowChecks, type RowCheck, type RowProblem } from './train-rows/train-row-checker.ts';
export { validateSnapshot, validationChecks, type CheckResult, type ValidationResult, type ValidateOptions } from './validate/validate-snapshot.ts';
