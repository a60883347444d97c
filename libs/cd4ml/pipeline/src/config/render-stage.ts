import { posix } from 'node:path';
import { FileError } from '@cd4ml/fs';
import { PROJECT_CONFIG_FILE } from './project-config.ts';
import { formatTargetRef, parseTargetRef, type TargetRef } from './target-ref.ts';
import type { WorkspaceProject } from './workspace-projects.ts';

/** Targets every project gets from its files (see the Nx plugin); stages may run after them. */
export const INFERRED_TARGETS: readonly string[] = ['typecheck', 'test', 'lint'];

/** Where a stage's output lives, and who writes it. */
export interface StageOutput {
  project: string;
  stage: string;
  out: string;
}

/** A stage with its placeholders resolved: what to run, and what it depends on. */
export interface RenderedStage {
  project: string;
  stage: string;
  command: string;
  /** Stages whose output this stage reads: they run first, and their `manifest.json` is an input. */
  reads: StageOutput[];
  /** Stages that must pass first (order only). */
  after: TargetRef[];
  /** Committed files the command names (workspace-relative): cache inputs. */
  files: string[];
  /** The TypeScript entry point, when the command runs one with tsx: its imports are the stage's code. */
  script?: string;
}

/** The registry layout of a model: one committed file of aliases, a local store, local run records. */
export function modelPaths(model: string): { registry: string; store: string; runs: string } {
  return { registry: `registry/${model}.json`, store: `registry/store/${model}`, runs: 'registry/runs' };
}

/**
 * Where a rendered command's paths go, by kind: stage outputs (`{out}`, `{stage}`), committed files
 * (`files`) and the model registry (`{registry}`, `{store}`, `{runs}`). The identity by default; a
 * simulation maps them into its own folder to run the real stages beside the workspace's.
 */
export type PathMap = (path: string, kind: 'out' | 'file' | 'registry') => string;

/**
 * Resolves the placeholders of one stage's command (see `projectConfigSchema`). An unknown
 * placeholder, or a reference to a stage that does not exist or writes nothing, is an error that
 * names the `cd4ml.json` and the field.
 */
export function renderStage(project: WorkspaceProject, stage: string, projects: ReadonlyMap<string, WorkspaceProject>, map: PathMap = (path) => path): RenderedStage {
  const config = project.config;
  const spec = config?.stages[stage];
  const where = `${posix.join(project.root, PROJECT_CONFIG_FILE)}: stages.${stage}`;
  if (!config || !spec) throw new FileError('FILE_INVALID', where, `${where} does not exist`);
  const reads: StageOutput[] = [];
  const files: string[] = [];
  const model = config.model ? modelPaths(config.model) : undefined;
  const outOf = (ref: string, field: string): StageOutput => {
    const { project: p, stage: s } = parseTargetRef(ref, project.name);
    const target = projects.get(p);
    const out = target?.config?.stages[s]?.out;
    if (!target?.config?.stages[s]) throw new FileError('FILE_INVALID', where, `${where}.${field}: no stage ${ref} (known: ${knownStages(projects).join(', ')})`);
    if (!out) throw new FileError('FILE_INVALID', where, `${where}.${field}: stage ${ref} writes no output folder ("out"), so nothing of it can be read`);
    return { project: p, stage: s, out };
  };
  const command = spec.command.replace(/\{([^{}\s]+)\}/g, (_, name: string) => {
    if (name === 'projectRoot') return project.root;
    if (name === 'out') {
      if (!spec.out) throw new FileError('FILE_INVALID', where, `${where}.command: {out} needs an "out" folder on the stage`);
      return map(spec.out, 'out');
    }
    const file = config.files[name];
    if (file !== undefined) {
      const path = file.replaceAll('{projectRoot}', project.root);
      files.push(path);
      return map(path, 'file');
    }
    if (model && (name === 'registry' || name === 'store' || name === 'runs')) {
      if (name === 'registry') files.push(model.registry);
      return map(model[name], 'registry');
    }
    if (name.includes(':') || config.stages[name]) {
      const output = outOf(name, 'command');
      if (!reads.some((r) => r.project === output.project && r.stage === output.stage)) reads.push(output);
      return map(output.out, 'out');
    }
    const names = ['projectRoot', 'out', ...Object.keys(config.files), ...(model ? ['registry', 'store', 'runs'] : []), ...Object.keys(config.stages)];
    throw new FileError('FILE_INVALID', where, `${where}.command: unknown placeholder {${name}}; known here: ${names.map((n) => `{${n}}`).join(' ')}`);
  });
  const after = spec.after.map((ref) => {
    const target = parseTargetRef(ref, project.name);
    const owner = projects.get(target.project);
    if (!owner || !(owner.config?.stages[target.stage] || INFERRED_TARGETS.includes(target.stage))) throw new FileError('FILE_INVALID', where, `${where}.after: no stage ${ref} (known: ${knownStages(projects).join(', ')})`);
    return target;
  });
  const script = /(?:^|\s)tsx\s+(\S+\.ts)\b/.exec(command)?.[1];
  return { project: project.name, stage, command, reads, after, files, ...(script ? { script } : {}) };
}

/** Every stage of the workspace, declared or inferred, as `project:stage`: what an error lists as known. */
export function knownStages(projects: ReadonlyMap<string, WorkspaceProject>): string[] {
  return [...projects.values()].flatMap((p) => Object.keys(p.config?.stages ?? {}).map((stage) => formatTargetRef({ project: p.name, stage })));
}
