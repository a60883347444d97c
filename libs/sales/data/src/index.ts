export { defaultGenerateOptions, generateSnapshot, MANIFEST_FILE, type GenerateOptions } from './generate/generate-snapshot.ts';
export {
  defaultIngestOptions,
  ingest,
  INGEST_FILES,
  ReconciliationError,
  type IngestHooks,
  type IngestOptions,
  type IngestReport,
  type ReferenceData,
} from './ingest/ingest.ts';
export { DataValidationError } from './ingest/data-validation-error.ts';
export type { BacktestFold, BacktestOptions } from './ingest/backtest-folds.ts';
export type { SalesFilter } from './ingest/sales-scanner.ts';
export { validateSnapshot, validationChecks, type CheckResult, type ValidationResult, type ValidateOptions } from './validate/validate-snapshot.ts';
