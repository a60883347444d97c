import { join } from 'node:path';
import { runMain } from '@cd4ml/cli';
import { writeJsonAtomic } from '@cd4ml/fs';
import { PREDICTION_LOG_SCHEMA_FILE, predictionLogJsonSchema } from './log-schema.ts';

// Writes apps/sales-web/prediction-log.schema.json from the zod schema of a log line; a test checks
// that the committed file matches it.
await runMain(async () => {
  const path = join(import.meta.dirname, '../..', PREDICTION_LOG_SCHEMA_FILE);
  if (process.argv.includes('--help')) {
    console.log('Usage: write-log-schema\nWrites apps/sales-web/prediction-log.schema.json, the JSON Schema of a prediction log line.');
    return;
  }
  await writeJsonAtomic(path, predictionLogJsonSchema());
  console.log(`wrote ${path}`);
});
