import { z } from 'zod';
import { qualifiedRefSchema as targetRef } from './target-ref.ts';

/**
 * `pipeline.json`: the pipeline as code. The ordered stages (each an Nx target of some project,
 * declared in that project's cd4ml.json), and the stage that serves the result. The Nx plugin turns
 * it into one `pipeline` target that depends on every stage, so the local runner, CI and any
 * orchestrator run the same task graph with one Nx invocation.
 */
export const pipelineDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().default(''),
  stages: z.array(targetRef).min(1),
  /** The continuous stage that serves the result after the pipeline, e.g. "rentals-web:serve". */
  serve: targetRef.optional(),
});

export type PipelineDefinition = z.infer<typeof pipelineDefinitionSchema>;

/** File name of a pipeline definition, in the root of its project (`pipelines/`). */
export const PIPELINE_FILE = 'pipeline.json';
