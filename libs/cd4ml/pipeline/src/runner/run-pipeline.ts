import { CliError } from '@cd4ml/cli';
import { loadWorkspaceProjects, type WorkspaceProject } from '../config/workspace-projects.ts';
import type { RunSummary } from '../nx-plugin/run-summary.ts';
import { runNx } from './run-nx.ts';

/** One stage of a pipeline run, as the summary table shows it. */
export interface StageRow {
  stage: string;
  description: string;
  /** ran, cached, failed, skipped (an upstream stage failed) or not run. */
  outcome: 'ran' | 'cached' | 'failed' | 'skipped' | 'not run';
  seconds: number;
}

/** The project that holds the pipeline definition; exactly one unless named. */
export function pipelineProject(projects: ReadonlyMap<string, WorkspaceProject>, name?: string): WorkspaceProject & { pipeline: NonNullable<WorkspaceProject['pipeline']> } {
  const candidates = [...projects.values()].filter((p) => p.pipeline && (!name || p.name === name));
  if (candidates.length !== 1) {
    throw new CliError('NO_PIPELINE', candidates.length === 0 ? `no project${name ? ` named ${name}` : ''} holds a pipeline.json` : `several projects hold a pipeline.json (${candidates.map((p) => p.name).join(', ')}): name one with --pipeline`);
  }
  const [project] = candidates as [WorkspaceProject & { pipeline: NonNullable<WorkspaceProject['pipeline']> }];
  return project;
}

/** The stages of the pipeline with their descriptions, from the projects' cd4ml.json: declared once. */
export function pipelineStages(projects: ReadonlyMap<string, WorkspaceProject>, project: ReturnType<typeof pipelineProject>): { stage: string; description: string }[] {
  return project.pipeline.stages.map((stage) => {
    const [p, s] = stage.split(':') as [string, string];
    return { stage, description: projects.get(p)?.config?.stages[s]?.description ?? '' };
  });
}

/** Turns Nx's task results into one row per pipeline stage, in pipeline order. */
export function stageRows(stages: readonly { stage: string; description: string }[], summary: RunSummary): StageRow[] {
  const byId = new Map(summary.tasks.map((t) => [t.id, t]));
  return stages.map(({ stage, description }) => {
    const t = byId.get(stage);
    const seconds = t?.startTime !== undefined && t.endTime !== undefined ? (t.endTime - t.startTime) / 1000 : 0;
    const outcome: StageRow['outcome'] = !t ? 'not run' : t.cached ? 'cached' : t.status === 'success' ? 'ran' : t.status === 'skipped' ? 'skipped' : 'failed';
    return { stage, description, outcome, seconds };
  });
}

/**
 * Runs the whole pipeline as one Nx task graph (`nx run <pipelines>:pipeline`): the graph is
 * computed once, independent stages run in parallel, cached stages are replayed. Returns one row
 * per stage; throws a CliError naming the stages that failed.
 */
export async function runPipeline(workspaceRoot: string, options: { pipeline?: string } = {}): Promise<StageRow[]> {
  const projects = loadWorkspaceProjects(workspaceRoot);
  const project = pipelineProject(projects, options.pipeline);
  const { code, summary } = await runNx(workspaceRoot, ['run', `${project.name}:pipeline`, '--outputStyle=stream']);
  const rows = stageRows(pipelineStages(projects, project), summary);
  const failed = rows.filter((r) => r.outcome === 'failed');
  const otherFailures = summary.tasks.filter((t) => t.status === 'failure' && !rows.some((r) => r.stage === t.id));
  if (code !== 0 || failed.length > 0 || otherFailures.length > 0) {
    const names = [...failed.map((r) => r.stage), ...otherFailures.map((t) => t.id)];
    throw Object.assign(new CliError('STAGE_FAILED', `pipeline stopped: ${names.length > 0 ? names.join(', ') : 'Nx'} failed. Fix the error above (its output is prefixed with the project's name) and run again.`), { rows });
  }
  return rows;
}
