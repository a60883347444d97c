import { CliError } from '@cd4ml/cli';
import { renderStage } from '../config/render-stage.ts';
import { formatTargetRef, parseTargetRef } from '../config/target-ref.ts';
import { loadWorkspaceProjects, type WorkspaceProject } from '../config/workspace-projects.ts';
import type { RunSummary } from '../nx-plugin/run-summary.ts';
import { failureReason } from './failure-reason.ts';
import { NxOutputParser, type TaskBlock } from './nx-output.ts';
import { runNx } from './run-nx.ts';
import type { RunView } from './run-view.ts';
import { StageBoard } from './stage-board.ts';

/** One stage of a pipeline run, as the summary table shows it. */
export interface StageRow {
  stage: string;
  description: string;
  /** ran, cached, failed, skipped (an upstream stage failed) or not run. */
  outcome: 'ran' | 'cached' | 'failed' | 'skipped' | 'not run';
  seconds: number;
}

/** A stage of the pipeline with what it waits for (the tasks its reads and `after` name). */
export interface PipelineStage {
  stage: string;
  description: string;
  deps: string[];
  /** Its output folder, when it writes one. */
  out?: string;
}

// Nx's own banners and blank lines between blocks: the runner's table says the same.
const NX_CHATTER = /^\s*$|^\s*NX\s{2,}(Running target|Successfully ran)|^\s*Nx read the output|^—+$/;

type PipelineProject = WorkspaceProject & { pipeline: NonNullable<WorkspaceProject['pipeline']> };

/** The project that holds the pipeline definition; exactly one unless named. */
export function pipelineProject(projects: ReadonlyMap<string, WorkspaceProject>, name?: string): PipelineProject {
  const candidates = [...projects.values()].filter((p) => p.pipeline && (!name || p.name === name));
  if (candidates.length !== 1) {
    throw new CliError('NO_PIPELINE', candidates.length === 0 ? `no project${name ? ` named ${name}` : ''} holds a pipeline.json` : `several projects hold a pipeline.json (${candidates.map((p) => p.name).join(', ')}): name one with --pipeline`);
  }
  return candidates[0] as PipelineProject;
}

/** The stages of the pipeline with their descriptions and dependencies, from the projects' cd4ml.json: declared once. */
export function pipelineStages(projects: ReadonlyMap<string, WorkspaceProject>, project: PipelineProject): PipelineStage[] {
  return project.pipeline.stages.map((stage) => {
    const ref = parseTargetRef(stage);
    const owner = projects.get(ref.project);
    const spec = owner?.config?.stages[ref.stage];
    if (!owner || !spec) return { stage, description: '', deps: [] };
    const r = renderStage(owner, ref.stage, projects);
    const deps = [...r.reads, ...r.after].map(formatTargetRef);
    return { stage, description: spec.description, deps: [...new Set(deps)], ...(spec.out ? { out: spec.out } : {}) };
  });
}

/** Turns Nx's task results into one row per pipeline stage, in pipeline order. */
export function stageRows(stages: readonly { stage: string; description: string }[], summary: RunSummary): StageRow[] {
  const byId = new Map(summary.tasks.map((t) => [t.id, t]));
  return stages.map(({ stage, description }) => {
    const t = byId.get(stage);
    const seconds = t?.startTime !== undefined && t.endTime !== undefined ? (t.endTime - t.startTime) / 1000 : 0;
    return { stage, description, outcome: outcomeOf(t), seconds };
  });
}

/** Where a task is in the order Nx reported tasks over; one never reported comes last. */
const rank = (order: readonly string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

function outcomeOf(t: RunSummary['tasks'][number] | undefined): StageRow['outcome'] {
  if (!t) return 'not run';
  if (t.cached) return 'cached';
  return t.status === 'success' ? 'ran' : t.status === 'skipped' ? 'skipped' : 'failed';
}

/** What one run of the pipeline did. */
export interface PipelineRun {
  pipeline: string;
  stages: PipelineStage[];
  rows: StageRow[];
  /** Tasks of the graph that are not stages, e.g. the consumers' tests that write pact files. */
  otherTasks: { id: string; outcome: StageRow['outcome'] }[];
  /** The first task that failed, with the lines of its output that say why. */
  failure?: { stage: string; reason: string[] };
  /** Nx's exit code. */
  code: number;
}

/**
 * Runs the whole pipeline as one Nx task graph (`nx run <pipelines>:pipeline`): the graph is
 * computed once, independent stages run in parallel, cached stages are not replayed, and Nx stops
 * at the first failure (`--nxBail`). `view` shows the run while it runs.
 */
export async function runPipeline(workspaceRoot: string, o: { pipeline?: string; view: (board: StageBoard) => RunView }): Promise<PipelineRun> {
  const projects = loadWorkspaceProjects(workspaceRoot);
  const project = pipelineProject(projects, o.pipeline);
  const stages = pipelineStages(projects, project);
  const board = new StageBoard(stages);
  const view = o.view(board);
  const blocks = new Map<string, TaskBlock>();
  const parser = new NxOutputParser(
    (task) => {
      blocks.set(task.id, task);
      view.taskOver(task);
    },
    (line) => {
      // Nx's banners are replaced by the runner's table; anything else it says (an error) is shown.
      if (!NX_CHATTER.test(line)) view.other(`${line}\n`);
    },
  );
  let nx;
  try {
    nx = await runNx(workspaceRoot, ['run', `${project.name}:pipeline`, '--outputStyle=static', '--nxBail'], {}, { stdout: (t) => parser.push(t), stderr: (t) => view.other(t) });
  } finally {
    parser.end();
  }
  const rows = stageRows(stages, nx.summary);
  board.finish(rows);
  view.close();
  const stageIds = new Set(stages.map((s) => s.stage));
  const otherTasks = nx.summary.tasks.filter((t) => !stageIds.has(t.id) && t.id !== `${project.name}:pipeline`).map((t) => ({ id: t.id, outcome: outcomeOf(t) }));
  // The first task that failed on its own: in the order Nx reported them over. Tasks it stopped
  // after that failure (--nxBail) are marked failed too, but printed nothing.
  const failures = new Set(nx.summary.tasks.filter((t) => t.status === 'failure').map((t) => t.id));
  const order = [...blocks.keys()];
  const failed = [...failures].sort((a, b) => rank(order, a) - rank(order, b)).map((id) => ({ id }))[0];
  const failure = failed ? { stage: failed.id, reason: failureReason(blocks.get(failed.id)?.lines ?? []) } : undefined;
  return { pipeline: project.name, stages, rows, otherTasks, ...(failure ? { failure } : {}), code: nx.code };
}
