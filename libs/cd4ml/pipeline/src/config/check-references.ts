import { posix } from 'node:path';
import { FileError } from '@cd4ml/fs';
import { PIPELINE_FILE } from './pipeline-definition.ts';
import { PROJECT_CONFIG_FILE } from './project-config.ts';
import { knownStages, renderStage } from './render-stage.ts';
import { parseTargetRef } from './target-ref.ts';
import type { WorkspaceProject } from './workspace-projects.ts';

/**
 * Checks every reference the workspace's declarations make, once, when they are loaded: each
 * stage's placeholders and `after`, what a release serves, the declarations an operation needs,
 * and every stage of `pipeline.json`. The first problem is thrown as a FileError naming the file,
 * the field and the reference, with the stages that do exist.
 */
export function checkReferences(projects: ReadonlyMap<string, WorkspaceProject>): void {
  for (const project of projects.values()) {
    const config = project.config;
    if (config) {
      const file = posix.join(project.root, PROJECT_CONFIG_FILE);
      const needs = (what: 'monitor' | 'feedback' | 'simulate', wants: readonly ('release' | 'monitor' | 'feedback')[]) => {
        const missing = config[what] ? wants.filter((w) => !config[w]) : [];
        if (missing.length > 0) throw new FileError('FILE_INVALID', file, `${file}: ${what} needs ${missing.map((m) => `a "${m}" declaration`).join(' and ')} in the same file`);
      };
      needs('monitor', ['release']);
      needs('feedback', ['release', 'monitor']);
      needs('simulate', ['release', 'monitor', 'feedback']);
      if (config.release) {
        const served = parseTargetRef(config.release.model);
        if (!projects.get(served.project)?.config?.stages[served.stage]?.out) {
          throw new FileError('FILE_INVALID', file, `${file}: release.model: ${config.release.model} is not a stage with an output folder (known: ${knownStages(projects).join(', ')})`);
        }
      }
      for (const stage of Object.keys(config.stages)) renderStage(project, stage, projects);
    }
    if (project.pipeline) {
      const file = posix.join(project.root, PIPELINE_FILE);
      const refs = [...project.pipeline.stages.map((ref) => ['stages', ref] as const), ...(project.pipeline.serve ? [['serve', project.pipeline.serve] as const] : [])];
      for (const [field, ref] of refs) {
        const { project: p, stage } = parseTargetRef(ref);
        if (!projects.get(p)?.config?.stages[stage]) throw new FileError('FILE_INVALID', file, `${file}: ${field}: no stage ${ref} is declared or inferred in any cd4ml.json (known: ${knownStages(projects).join(', ')})`);
      }
    }
  }
}
