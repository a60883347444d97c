import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { TargetConfiguration } from 'nx/src/devkit-exports.js';
import { modelPaths, renderStage } from '../config/render-stage.ts';
import { parseTargetRef } from '../config/target-ref.ts';
import type { WorkspaceProject } from '../config/workspace-projects.ts';
import { traceImports, type PackageIndex } from './trace-imports.ts';

type Targets = Record<string, TargetConfiguration>;
type Input = NonNullable<TargetConfiguration['inputs']>[number];

/** The platform's registry and tracking CLIs, relative to the `@cd4ml/registry` package. */
const REGISTRY_CLI = 'src/cli/registry-cli.ts';
const TRACKING_CLI = 'src/cli/tracking-cli.ts';

/**
 * Every target of one project, inferred from its files and its `cd4ml.json`:
 * - `typecheck` and `lint` when it has a tsconfig.json, `test` when it has a vitest.config.ts;
 * - one target per declared stage, with the stage's code (the files its entry point imports), the
 *   committed files it names, and the manifests of the stages it reads as cache inputs;
 * - `registry` and `runs` when it declares a model.
 */
export function inferTargets(workspaceRoot: string, project: WorkspaceProject, projects: ReadonlyMap<string, WorkspaceProject>): Targets {
  const targets: Targets = {};
  const has = (file: string) => existsSync(join(workspaceRoot, project.root, file));
  const own = ['default', '^code'];
  if (has('tsconfig.json')) {
    targets['typecheck'] = { command: 'tsc -p tsconfig.json', options: { cwd: '{projectRoot}' }, cache: true, inputs: own, outputs: [], metadata: { description: 'type-check the project (strict TypeScript, no emit)' } };
    if (existsSync(join(workspaceRoot, 'eslint.config.js'))) {
      targets['lint'] = {
        command: 'eslint --max-warnings=0 .',
        options: { cwd: '{projectRoot}' },
        cache: true,
        inputs: [...own, '{workspaceRoot}/eslint.config.js'],
        outputs: [],
        metadata: { description: 'type-aware lint (ESLint with typescript-eslint)' },
      };
    }
  }
  if (has('vitest.config.ts')) {
    const writes = project.config?.testWrites ?? [];
    targets['test'] = { command: 'vitest run', options: { cwd: '{projectRoot}' }, cache: true, inputs: own, outputs: writes.map((w) => `{workspaceRoot}/${w}`), metadata: { description: 'unit and component tests (vitest)' } };
  }
  const packages = packageIndex(projects);
  for (const [stage, spec] of Object.entries(project.config?.stages ?? {})) {
    const r = renderStage(project, stage, projects);
    // A tsx entry point's code is what it imports; any other command (a test runner, say) may read
    // every file of the project, its tests and configs included.
    const entries = [...(r.script ? [r.script] : []), ...(spec.inferred?.trace ?? []).map((f) => f.replaceAll('{projectRoot}', project.root))];
    const traced = [...new Set(entries.flatMap((e) => traceImports(workspaceRoot, e, packages)))].sort();
    const code: Input[] = entries.length > 0 ? traced.map((f) => `{workspaceRoot}/${f}`) : ['default', '^code'];
    // An inferred stage's own declarations and static files (cd4ml.json, an app's assets).
    const declared: Input[] = (spec.inferred?.inputs ?? []).map((f) => `{workspaceRoot}/${f.replaceAll('{projectRoot}', project.root)}`);
    // Files that the tests of an `after` project write for other stages (Pact files) are data for this stage.
    const written: Input[] = r.after.flatMap((a) => (a.stage === 'test' ? (projects.get(a.project)?.config?.testWrites ?? []) : []).map((w) => ({ dependentTasksOutputFiles: w })));
    const ref = (t: { project: string; stage: string }) => (t.project === project.name ? t.stage : { projects: [t.project], target: t.stage });
    targets[stage] = {
      command: r.command,
      cache: spec.cache && !spec.continuous,
      ...(spec.continuous ? { continuous: true } : {}),
      inputs: [...code, ...declared, 'sharedGlobals', ...r.files.map((f) => `{workspaceRoot}/${f}`), ...r.reads.map((x) => ({ dependentTasksOutputFiles: posix.join(x.out, 'manifest.json') })), ...written],
      outputs: spec.out ? [`{workspaceRoot}/${spec.out}`] : [],
      dependsOn: [...r.reads, ...r.after].map(ref),
      metadata: { description: spec.description, technologies: ['cd4ml'] },
    };
  }
  if (project.pipeline) {
    targets['pipeline'] = pipelineTarget(project);
    const pipelineLib = packages.get('@cd4ml/pipeline');
    // The platform's bench of the pipeline itself, unless the project declares a bench of its own.
    if (pipelineLib && !targets['bench']) {
      targets['bench'] = {
        command: `tsx ${posix.join(pipelineLib.root, 'src/runner/bench-cli.ts')} --runs 5 --out dist/bench/pipeline.json`,
        cache: false,
        metadata: { description: 'a no-op rerun of the whole pipeline, as a ratio against nx --version (the process floor)', technologies: ['cd4ml'] },
      };
    }
  }
  const model = project.config?.model;
  const registry = packages.get('@cd4ml/registry');
  if (model && registry) {
    const paths = modelPaths(model);
    const served = project.config?.stages['gate']?.out;
    const train = project.config?.stages['train'] ? renderStage(project, 'train', projects) : undefined;
    const params = project.config?.files['params']?.replaceAll('{projectRoot}', project.root);
    targets['registry'] = {
      command: `tsx ${posix.join(registry.root, REGISTRY_CLI)} --project ${project.name} --model ${model} --registry ${paths.registry} --store ${paths.store}${served ? ` --served ${served}` : ''}`,
      cache: false,
      metadata: { description: `model registry of ${model}: list, promote, rollback (args after --)` },
    };
    targets['runs'] = {
      command: `tsx ${posix.join(registry.root, TRACKING_CLI)} --project ${project.name} --runs ${paths.runs}${params ? ` --params ${params}` : ''}${train ? ` --train ${JSON.stringify(trainTemplate(train.command, project))}` : ''}`,
      cache: false,
      metadata: { description: `training runs of ${model}: list, show, diff, grid (args after --)` },
    };
  }
  return targets;
}

/** The train command with its params file and output folder left as `{params}` and `{out}`, for grids. */
function trainTemplate(command: string, project: WorkspaceProject): string {
  const params = project.config?.files['params']?.replaceAll('{projectRoot}', project.root);
  const out = project.config?.stages['train']?.out;
  let t = command;
  if (params) t = t.replaceAll(params, '{params}');
  if (out) t = t.replaceAll(out, '{out}');
  return t;
}

/** Workspace packages by npm name, for following imports across projects. */
export function packageIndex(projects: ReadonlyMap<string, WorkspaceProject>): PackageIndex & Map<string, { root: string; exports: Record<string, string> }> {
  return new Map([...projects.values()].map((p) => [p.packageName, { root: p.root, exports: p.exports }]));
}

/**
 * The whole pipeline as one target: it does nothing itself and depends on every stage of
 * `pipeline.json`, so `nx run pipelines:pipeline` runs the stages as one task graph (the graph is
 * computed once, independent stages run in parallel, cached ones are replayed).
 */
function pipelineTarget(project: WorkspaceProject): TargetConfiguration {
  // Every reference was checked when the workspace was loaded (checkReferences).
  const stages = project.pipeline?.stages ?? [];
  return {
    executor: 'nx:noop',
    cache: false,
    dependsOn: stages.map((ref) => parseTargetRef(ref)).map((t) => ({ projects: [t.project], target: t.stage })),
    metadata: { description: project.pipeline?.description || `the pipeline: ${stages.join(' -> ')}`, technologies: ['cd4ml'] },
  };
}

/** Projects whose stages this project's stages read or follow: edges of the project graph, so `nx affected` sees them. */
export function stageDependencies(project: WorkspaceProject, projects: ReadonlyMap<string, WorkspaceProject>): string[] {
  const deps = new Set<string>();
  for (const stage of Object.keys(project.config?.stages ?? {})) {
    const r = renderStage(project, stage, projects);
    for (const ref of [...r.reads, ...r.after]) if (ref.project !== project.name) deps.add(ref.project);
  }
  for (const ref of project.pipeline?.stages ?? []) deps.add(parseTargetRef(ref).project);
  return [...deps].sort();
}
