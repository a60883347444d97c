import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { CliError } from '@cd4ml/cli';
import { writeJsonAtomic } from '@cd4ml/fs';
import { projectConfigSchema, type StageConfig } from '@cd4ml/pipeline';
import { z } from 'zod';
import { readJsonForEdit } from '../json-file.ts';

/** A stage as cd4ml.json declares it (before defaults are filled in). */
export type StageDeclaration = Pick<StageConfig, 'description' | 'command'> & Partial<Omit<StageConfig, 'description' | 'command'>>;

/**
 * Adds a stage to a project's cd4ml.json, or creates the file. The file is checked with the
 * platform's schema before and after, and written back whole (2-space indent, trailing newline):
 * everything else in it stays as it was, in its order.
 *
 * @param schemaFile the workspace's cd4ml.schema.json, named by `$schema` in a new file when it exists
 * @returns what was done, for the generator's output
 */
export async function addStage(file: string, stage: string, declaration: StageDeclaration, schemaFile?: string): Promise<string> {
  const exists = existsSync(file);
  const current = exists ? readJsonForEdit(file, projectConfigSchema, 'cd4ml project file') : { ...(schemaFile && existsSync(schemaFile) ? { $schema: relative(dirname(file), schemaFile) } : {}) };
  const stages = z.record(z.string(), z.unknown()).optional().parse(current['stages']) ?? {};
  if (stage in stages) throw new CliError('STAGE_EXISTS', `${file} already declares a stage "${stage}"`);
  const next = { ...current, stages: { ...stages, [stage]: declaration } };
  const checked = projectConfigSchema.safeParse(next);
  if (!checked.success) throw new CliError('CONFIG_INVALID', `the stage would make ${file} invalid:\n${z.prettifyError(checked.error)}`);
  await writeJsonAtomic(file, next);
  return `${exists ? 'added' : 'created with'} stage ${stage}`;
}
