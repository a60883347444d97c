import { addTemplates, checkFree, nextSteps, text, upToRoot, type GeneratorSpec } from '../generator.ts';
import { checkName } from '../names.ts';
import { checkStageRef, findStageOutput, type Workspace } from '../workspace.ts';

/** What the web-app templates are rendered with. */
export interface WebAppOptions {
  name: string;
  packageName: string;
  /** e.g. "apps/weather-web". */
  folder: string;
  base: string;
  /** The stage whose output it serves, "project:stage" (a model's gate stage). */
  modelRef: string;
}

const EXAMPLE = 'weather-web';

/** The served stage must be a model's: its project declares a `model` in cd4ml.json. */
function checkModelRef(ws: Workspace, value: string): true | string {
  const valid = checkStageRef(ws, value, 'weather-model:gate');
  if (valid !== true) return valid;
  const found = findStageOutput(ws, value);
  const project = typeof found === 'string' ? undefined : ws.projects.get(found.project);
  if (!project?.config?.model) {
    const models = [...ws.projects.values()].filter((p) => p.config?.model && p.config.stages['gate']).map((p) => `${p.name}:gate`);
    return `${value} is not a model's stage (its project declares no "model" in cd4ml.json)${models.length > 0 ? `; models' gate stages: ${models.join(', ')}` : ''}`;
  }
  return true;
}

/** A web app serving a model stage: Express, /health, /ready, POST /api/v1/predict, a JSON error handler; stage serve. */
export const webApp: GeneratorSpec<WebAppOptions> = {
  description: 'a web app serving a model stage: Express, /health, /ready, POST /api/v1/predict (zod-validated), stage serve, with tests',
  questions: (workspace) => [
    {
      type: 'input',
      name: 'name',
      message: 'Name of the app (weather-web makes apps/weather-web)',
      example: EXAMPLE,
      validate: (value) => {
        const valid = checkName(value, 'app name', EXAMPLE);
        return valid === true ? checkFree(workspace(), value, `apps/${value}`) : valid;
      },
    },
    { type: 'input', name: 'model', message: "The model stage it serves, as project:stage (a model's gate stage)", example: 'weather-model:gate', validate: (value) => checkModelRef(workspace(), value) },
  ],
  normalise: (answers, ws) => {
    const name = text(answers, 'name');
    const folder = `apps/${name}`;
    return { name, packageName: `${ws.scope}/${name}`, folder, base: upToRoot(folder), modelRef: text(answers, 'model') };
  },
  actions: (o) => [
    addTemplates('web-app', o.folder, o),
    `Created ${o.folder} (${o.packageName}): stage ${o.name}:serve, serving ${o.modelRef}.`,
    ...nextSteps([
      ['npm install', `links ${o.packageName} into node_modules`],
      [`npx nx run ${o.name}:serve`, `gates ${o.modelRef.split(':')[0]} first, then serves it on PORT (3000)`],
      [`npx nx run-many -t typecheck lint test -p ${o.name}`, 'its checks and tests'],
    ]),
  ],
};
