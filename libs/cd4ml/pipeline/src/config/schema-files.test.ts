import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pipelineDefinitionSchema } from './pipeline-definition.ts';
import { projectConfigSchema } from './project-config.ts';

// Editors validate cd4ml.json and pipeline.json against these committed JSON schemas ($schema):
// they are generated from the zod schemas the plugin parses with, and must not fall behind them.
const files = [
  ['cd4ml.schema.json', projectConfigSchema],
  ['pipeline.schema.json', pipelineDefinitionSchema],
] as const;

describe('JSON schemas for editors', () => {
  it.each(files)('%s is generated from its zod schema (UPDATE_SCHEMAS=1 rewrites it)', async (file, schema) => {
    const path = join(import.meta.dirname, '../..', file);
    const now = `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
    if (process.env['UPDATE_SCHEMAS'] === '1') await writeFile(path, now);
    expect(await readFile(path, 'utf8'), `${file} is stale: run this test with UPDATE_SCHEMAS=1 and commit it`).toBe(now);
  });
});
