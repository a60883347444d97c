import { writeJsonAtomic } from '@cd4ml/fs';
import { pipelineDefinitionSchema } from '@cd4ml/pipeline';
import { readJsonForEdit } from '../json-file.ts';

/**
 * Appends "project:stage" to a pipeline.json's stages, after checking the file with the platform's
 * schema, and writes it back whole (2-space indent, trailing newline), every other key in its place.
 */
export async function appendToPipeline(file: string, ref: string): Promise<string> {
  const current = readJsonForEdit(file, pipelineDefinitionSchema, 'pipeline definition');
  const stages = pipelineDefinitionSchema.shape.stages.parse(current['stages']);
  if (stages.includes(ref)) return `${ref} is already in the pipeline`;
  await writeJsonAtomic(file, { ...current, stages: [...stages, ref] });
  return `appended ${ref}`;
}
