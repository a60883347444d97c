import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '@cd4ml/cli';
import { loadWorkspaceProjects, type WorkspaceProject } from '@cd4ml/pipeline';
import { z } from 'zod';
import { readJsonSync } from './json-file.ts';

/** What the generators know of the workspace they add to, read fresh for every question. */
export interface Workspace {
  root: string;
  /** The npm scope of the workspace's own packages, e.g. "@acme". */
  scope: string;
  projects: ReadonlyMap<string, WorkspaceProject>;
  /** The project holding `pipeline.json`, when the workspace has one. */
  pipeline?: WorkspaceProject;
}

/** Targets every project has or may have besides its stages: a stage must not take their names. */
export const RESERVED_TARGETS = ['typecheck', 'lint', 'test', 'pipeline', 'registry', 'runs'] as const;

const rootPackageSchema = z.looseObject({ name: z.string().min(1) });

/**
 * Reads the workspace at `root`: every project of its npm workspaces (as the Nx plugin sees them),
 * the pipeline project and the scope new packages take. Never assumes a domain is there.
 */
export function readWorkspace(root: string): Workspace {
  if (!existsSync(join(root, 'nx.json'))) throw new CliError('NOT_A_WORKSPACE', `${root} is not a cd4ml workspace (no nx.json): run the generators from the workspace root`);
  const projects = loadWorkspaceProjects(root);
  const rootName = readJsonSync(join(root, 'package.json'), rootPackageSchema, 'package.json').name;
  const pipeline = [...projects.values()].find((p) => p.pipeline);
  return { root, scope: workspaceScope(rootName, [...projects.values()]), projects, ...(pipeline ? { pipeline } : {}) };
}

/**
 * The scope of the workspace's own packages: the root package's when it has one, else the most
 * common scope among the domain's packages (not the platform's `libs/cd4ml/*` nor the generators),
 * else `@<root package name>`.
 */
export function workspaceScope(rootName: string, projects: readonly Pick<WorkspaceProject, 'packageName' | 'root'>[]): string {
  if (rootName.startsWith('@')) return rootName.split('/')[0]!;
  const counts = new Map<string, number>();
  for (const p of projects) {
    if (p.root.startsWith('libs/cd4ml/') || p.root.startsWith('generators/') || !p.packageName.startsWith('@')) continue;
    const scope = p.packageName.split('/')[0]!;
    counts.set(scope, (counts.get(scope) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return best ? best[0] : `@${rootName}`;
}

/** A stage reference resolved against the workspace: its project, its stage and the folder it writes. */
export interface StageRef {
  project: string;
  stage: string;
  /** "project:stage", as cd4ml.json placeholders and pipeline.json name it. */
  ref: string;
  out: string;
}

/**
 * Resolves "project:stage" (or "stage" of `here`) to a stage that writes an output folder, or says
 * what is wrong, listing the stages that could be meant.
 */
export function findStageOutput(ws: Workspace, ref: string, here?: string): StageRef | string {
  const [project, stage] = ref.includes(':') ? (ref.split(':', 2) as [string, string]) : [here ?? '', ref];
  const withOutput = [...ws.projects.values()].flatMap((p) => Object.entries(p.config?.stages ?? {}).filter(([, s]) => s.out).map(([s]) => `${p.name}:${s}`));
  const known = withOutput.length > 0 ? ` Stages with an output: ${withOutput.join(', ')}.` : ' No project declares a stage with an output yet.';
  const p = ws.projects.get(project);
  if (!p) return `no project named "${project}" in this workspace.${known}`;
  const spec = p.config?.stages[stage];
  if (!spec) return `project ${project} has no stage "${stage}".${known}`;
  if (!spec.out) return `stage ${project}:${stage} writes no output folder, so nothing of it can be read.${known}`;
  return { project, stage, ref: `${project}:${stage}`, out: spec.out };
}

/** A stage reference "project:stage" that writes a folder: `true`, or what is wrong and what would do. */
export function checkStageRef(ws: Workspace, value: string, example: string): true | string {
  if (!/^[^:\s]+:[^:\s]+$/.test(value)) return `name a stage as project:stage, e.g. ${example}`;
  const found = findStageOutput(ws, value);
  return typeof found === 'string' ? found : true;
}
