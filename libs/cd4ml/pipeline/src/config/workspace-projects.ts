import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { FileError, fileErrorFrom, parseWith } from '@cd4ml/fs';
import { z } from 'zod';
import { checkReferences } from './check-references.ts';
import { inferredStages, platformRoots } from './inferred-stages.ts';
import { exportsOf } from './package-exports.ts';
import { PIPELINE_FILE, pipelineDefinitionSchema, type PipelineDefinition } from './pipeline-definition.ts';
import { PROJECT_CONFIG_FILE, projectConfigSchema, type ProjectConfig, type Stage } from './project-config.ts';

/** A project's declarations with the stages the platform infers from them merged in (declared ones win). */
export type EffectiveConfig = Omit<ProjectConfig, 'stages'> & { stages: Record<string, Stage> };

/** One project of the workspace: its Nx name, its folder and its `cd4ml.json` when it has one. */
export interface WorkspaceProject {
  name: string;
  /** The npm package name, e.g. "@acme/rentals-model". */
  packageName: string;
  /** The package's `exports`, subpath -> file relative to its folder. */
  exports: Record<string, string>;
  /** Folder relative to the workspace root, with forward slashes. */
  root: string;
  config?: EffectiveConfig;
  /** The pipeline definition, for the project that holds `pipeline.json`. */
  pipeline?: PipelineDefinition;
}

const packageSchema = z.looseObject({ name: z.string().min(1), exports: z.unknown().optional(), main: z.unknown().optional(), nx: z.looseObject({ name: z.string().min(1).optional() }).optional() });
const rootPackageSchema = z.looseObject({ workspaces: z.array(z.string()).default([]) });

/**
 * Every workspace package (the folders of the root package.json's `workspaces`), named as Nx names
 * it (`nx.name` in its package.json, else the package name), with its checked `cd4ml.json`, the
 * stages the platform infers from its declarations, and every reference between stages and in
 * `pipeline.json` checked: an unknown project or stage is refused here, naming the file and the
 * reference. Synchronous, because the Nx plugin and the pipeline runner both need it first.
 */
export function loadWorkspaceProjects(workspaceRoot: string): Map<string, WorkspaceProject> {
  const rootPackage = parseWith(rootPackageSchema, readJson(join(workspaceRoot, 'package.json')), join(workspaceRoot, 'package.json'), 'package.json');
  const projects = new Map<string, WorkspaceProject>();
  for (const root of rootPackage.workspaces.flatMap((pattern) => expand(workspaceRoot, pattern))) {
    const project = loadProject(workspaceRoot, root);
    if (project) projects.set(project.name, project);
  }
  const roots = platformRoots(workspaceRoot, new Map([...projects.values()].map((p) => [p.packageName, p.root])));
  const modelOf = (name: string) => projects.get(name)?.config?.model;
  for (const p of projects.values()) {
    if (p.config) p.config = { ...p.config, stages: { ...inferredStages(p.name, p.config, roots, modelOf), ...p.config.stages } };
  }
  checkReferences(projects);
  return projects;
}

/** The project in `root` (relative to the workspace), or undefined when the folder has no package.json. */
export function loadProject(workspaceRoot: string, root: string): WorkspaceProject | undefined {
  const packagePath = join(workspaceRoot, root, 'package.json');
  if (!existsSync(packagePath)) return undefined;
  const pkg = parseWith(packageSchema, readJson(packagePath), packagePath, 'package.json');
  const configPath = join(workspaceRoot, root, PROJECT_CONFIG_FILE);
  const config = existsSync(configPath) ? parseWith(projectConfigSchema, readJson(configPath), posix.join(root, PROJECT_CONFIG_FILE), 'cd4ml project file') : undefined;
  const pipelinePath = join(workspaceRoot, root, PIPELINE_FILE);
  const pipeline = existsSync(pipelinePath) ? parseWith(pipelineDefinitionSchema, readJson(pipelinePath), posix.join(root, PIPELINE_FILE), 'pipeline definition') : undefined;
  return { name: pkg.nx?.name ?? pkg.name, packageName: pkg.name, exports: exportsOf(pkg), root, ...(config ? { config } : {}), ...(pipeline ? { pipeline } : {}) };
}

/** Expands a workspaces pattern: each segment is a folder name or a star (any folder), as in the root package.json. */
function expand(workspaceRoot: string, pattern: string): string[] {
  let found = [''];
  for (const segment of pattern.split('/').filter(Boolean)) {
    found = found.flatMap((base) => {
      if (segment !== '*') return existsSync(join(workspaceRoot, base, segment)) ? [posix.join(base, segment)] : [];
      const dir = join(workspaceRoot, base);
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== 'node_modules' && !d.name.startsWith('.'))
        .map((d) => posix.join(base, d.name))
        .sort();
    });
  }
  return found;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileErrorFrom(error, path);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileError('FILE_INVALID', path, `${path} is not valid JSON (${(error as Error).message}).`);
  }
}
