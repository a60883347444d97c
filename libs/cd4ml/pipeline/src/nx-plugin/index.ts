import { dirname } from 'node:path';
import type { CreateNodesV2, PostTasksExecution } from 'nx/src/devkit-exports.js';
import { loadWorkspaceProjects } from '../config/workspace-projects.ts';
import { inferTargets, stageDependencies } from './infer-targets.ts';
import { writeRunSummary } from './run-summary.ts';

/**
 * The cd4ml Nx plugin. For every workspace package (a folder with a package.json), it infers
 * `typecheck`, `lint` and `test` from the project's files, and its stages from its `cd4ml.json`, so
 * a project's configuration holds only what is its own. Registered in nx.json as
 * `libs/cd4ml/pipeline/nx-plugin.cjs`.
 */
export const createNodesV2: CreateNodesV2 = [
  '**/package.json',
  (files, _options, context) => {
    const projects = loadWorkspaceProjects(context.workspaceRoot);
    const byRoot = new Map([...projects.values()].map((p) => [p.root, p]));
    return files.map((file) => {
      // Only the workspace's own packages (root package.json's `workspaces`) are projects of the layout.
      const project = byRoot.get(dirname(file));
      if (!project) return [file, { projects: {} }];
      return [file, { projects: { [project.root]: { targets: inferTargets(context.workspaceRoot, project, projects), implicitDependencies: stageDependencies(project, projects) } } }];
    });
  },
];

/** After every Nx run: the task results the pipeline runner asked for (see `writeRunSummary`). */
export const postTasksExecution: PostTasksExecution = async (_options, context) => writeRunSummary(context);
