import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionType } from 'node-plop';
import { PIPELINE_FILE, PROJECT_CONFIG_FILE } from '@cd4ml/pipeline';
import { addTemplates, nextSteps, TEMPLATE_EXTENSION, TEMPLATES, text, upToRoot, type GeneratorSpec } from '../generator.ts';
import type { StageDeclaration } from '../json-edits/add-stage.ts';
import { checkName } from '../names.ts';
import { findStageOutput, RESERVED_TARGETS, type Workspace } from '../workspace.ts';

/** What the stage templates and JSON edits are done with. */
export interface StageOptions {
  project: string;
  /** The project's folder, e.g. "libs/weather/data". */
  folder: string;
  base: string;
  stage: string;
  description: string;
  /** The stage whose output it reads, as given ("stage" of this project, or "project:stage"). */
  reads?: string;
  declaration: StageDeclaration;
  /** Append "project:stage" to the workspace's pipeline.json. */
  pipeline: boolean;
  /** The project has no tsconfig.json / vitest.config.ts yet: the stage's code and test need them. */
  addTsconfig: boolean;
  addVitestConfig: boolean;
}

/** What the stage's code imports, added to the project's package.json when missing. */
const STAGE_DEPENDENCIES = ['@cd4ml/cli', '@cd4ml/data', '@cd4ml/fs', '@commander-js/extra-typings', 'commander'];

function checkProject(ws: Workspace, value: string): true | string {
  if (value === '') return 'name the project to add the stage to, e.g. weather-data';
  if (ws.projects.has(value)) return true;
  const own = [...ws.projects.values()].filter((p) => !p.root.startsWith('libs/cd4ml/') && !p.root.startsWith('generators/')).map((p) => p.name);
  return `no project named "${value}" in this workspace${own.length > 0 ? `; its projects: ${own.sort().join(', ')}` : ''}`;
}

function checkStage(ws: Workspace, value: string, project: string): true | string {
  const valid = checkName(value, 'stage name', 'enrich');
  if (valid !== true) return valid;
  if ((RESERVED_TARGETS as readonly string[]).includes(value)) return `"${value}" is a target every project may have (${RESERVED_TARGETS.join(', ')}): choose another stage name`;
  const p = ws.projects.get(project);
  if (!p) return checkProject(ws, project);
  if (p.config?.stages[value]) return `${project} already has a stage "${value}" (${p.root}/${PROJECT_CONFIG_FILE})`;
  if (existsSync(join(ws.root, p.root, 'src', value))) return `${p.root}/src/${value} already exists: choose another stage name or remove it`;
  return true;
}

/** A stage added to an existing project: its declaration, an entry point with a test, and optionally a place in the pipeline. */
export const stage: GeneratorSpec<StageOptions> = {
  description: "a pipeline stage in an existing project: cd4ml.json, src/<stage>/cli.ts with a test, optionally pipeline.json",
  questions: (workspace) => [
    { type: 'input', name: 'project', message: 'The project to add the stage to', example: 'weather-data', validate: (value) => checkProject(workspace(), value) },
    { type: 'input', name: 'stage', message: 'Name of the stage (lower-case words joined by dashes)', example: 'enrich', validate: (value, answers) => checkStage(workspace(), value, text(answers, 'project')) },
    {
      type: 'input',
      name: 'reads',
      message: 'The stage whose output it reads, as project:stage; empty for none',
      example: 'weather-data:generate',
      default: '',
      validate: (value, answers) => {
        if (value === '') return true;
        const found = findStageOutput(workspace(), value, text(answers, 'project'));
        return typeof found === 'string' ? found : true;
      },
    },
    { type: 'input', name: 'description', message: 'One line on what it does (for nx show project and the pipeline report)', example: 'join the weather onto each day', default: '' },
    { type: 'confirm', name: 'pipeline', message: "Append it to the workspace's pipeline.json?", example: 'true', default: false },
  ],
  normalise: (answers, ws) => {
    const project = text(answers, 'project');
    const name = text(answers, 'stage');
    const reads = text(answers, 'reads') || undefined;
    const folder = ws.projects.get(project)!.root;
    const out = `dist/${project}/${name}`;
    const description = text(answers, 'description') || `the ${name} stage of ${project}${reads ? `, reading ${reads}` : ''}`;
    const command = `tsx {projectRoot}/src/${name}/cli.ts${reads ? ` --in {${reads}}` : ''} --out {out}`;
    const has = (file: string) => existsSync(join(ws.root, folder, file));
    return {
      project,
      folder,
      base: upToRoot(folder),
      stage: name,
      description,
      ...(reads ? { reads } : {}),
      declaration: { description, command, out },
      pipeline: answers['pipeline'] === true,
      addTsconfig: !has('tsconfig.json'),
      addVitestConfig: !has('vitest.config.ts'),
    };
  },
  actions: (o, ws) => {
    const ref = `${o.project}:${o.stage}`;
    const pipeline = ws.pipeline ? `${ws.pipeline.root}/${PIPELINE_FILE}` : undefined;
    const actions: ActionType[] = [addTemplates('stage', o.folder, o)];
    if (o.addTsconfig) actions.push({ type: 'add', path: `${o.folder}/tsconfig.json`, templateFile: join(TEMPLATES, `stage-config/tsconfig.json.${TEMPLATE_EXTENSION}`), data: o });
    if (o.addVitestConfig) actions.push({ type: 'add', path: `${o.folder}/vitest.config.ts`, templateFile: join(TEMPLATES, `stage-config/vitest.config.ts.${TEMPLATE_EXTENSION}`), data: o });
    // Edits of existing files come after every new file is in place.
    actions.push(
      { type: 'cd4ml-add-dependencies', data: { path: `${o.folder}/package.json`, dependencies: STAGE_DEPENDENCIES, devDependencies: o.addVitestConfig ? ['@cd4ml/testing'] : [] } },
      { type: 'cd4ml-add-stage', data: { path: `${o.folder}/${PROJECT_CONFIG_FILE}`, stage: o.stage, declaration: o.declaration } },
    );
    if (o.pipeline && pipeline) actions.push({ type: 'cd4ml-append-pipeline', data: { path: pipeline, ref } });
    return [
      ...actions,
      `Added stage ${ref}${o.reads ? `, reading ${o.reads}` : ''}: ${o.folder}/src/${o.stage}/ and ${o.folder}/${PROJECT_CONFIG_FILE}${o.pipeline ? (pipeline ? `, appended to ${pipeline}` : '; this workspace has no pipeline.json, so no pipeline was changed') : ''}.`,
      ...nextSteps([
        ['npm install', 'links any package the stage added to package.json'],
        [`npx nx run ${ref}`, `runs it${o.reads ? ` (after ${o.reads})` : ''}; edit ${o.folder}/src/${o.stage}/${o.stage}.ts to make it yours`],
        [`npx nx run-many -t typecheck lint test -p ${o.project}`, 'its checks and tests'],
      ]),
    ];
  },
};
