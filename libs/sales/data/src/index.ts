export { defaultGenerateOptions, generateSnapshot, MANIFEST_FILE, type GenerateOptions } from './generate/generate-snapshot.ts';
export { defaultIngestOptions, ingest, INGEST_FILES, ReconciliationError, type IngestOptions, type IngestReport, type ReferenceData } from './ingest/ingest.ts';
export { DataValidationError } from './ingest/data-validation-error.ts';
