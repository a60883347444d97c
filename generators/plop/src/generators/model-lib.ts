import { CliError } from '@cd4ml/cli';
import { addTemplates, checkFree, nextSteps, text, upToRoot, type Answers, type GeneratorSpec } from '../generator.ts';
import { libLocation } from '../names.ts';
import { checkStageRef, type Workspace } from '../workspace.ts';

/** What the model-lib templates are rendered with. */
export interface ModelLibOptions {
  name: string;
  packageName: string;
  domain: string;
  folder: string;
  base: string;
  /** The model's name in the registry (`registry/<modelName>.json`): the project's name. */
  modelName: string;
  /** The data stage it trains on, "project:stage". */
  dataRef: string;
  trainOut: string;
  gatedOut: string;
}

const EXAMPLE = 'weather-model';

function checkName(ws: Workspace, value: string): true | string {
  const at = libLocation(value, EXAMPLE);
  if (typeof at === 'string') return at;
  const owner = [...ws.projects.values()].find((p) => p.config?.model === value);
  if (owner) return `the model ${value} is already declared by ${owner.name} (${owner.root}/cd4ml.json)`;
  return checkFree(ws, value, at.folder);
}

/** A model lib: trains gradient-boosted trees on a data stage's table (train) and gates them (gate), with tests. */
export const modelLib: GeneratorSpec<ModelLibOptions> = {
  description: 'a model lib trained on a data stage: stages train (GBDT, ONNX, parity, artifact, run record) and gate (platform gates, registry), with tests',
  questions: (workspace) => [
    { type: 'input', name: 'name', message: 'Name of the model lib (<domain>-<kind>; weather-model makes libs/weather/model)', example: EXAMPLE, validate: (value) => checkName(workspace(), value) },
    {
      type: 'input',
      name: 'data',
      message: 'The data stage it trains on, as project:stage (its folder holds a CSV with a numeric "target" column, and a manifest.json)',
      example: 'weather-data:validate',
      validate: (value) => checkStageRef(workspace(), value, 'weather-data:validate'),
    },
  ],
  normalise: (answers: Answers, ws) => {
    const name = text(answers, 'name');
    const at = libLocation(name, EXAMPLE);
    if (typeof at === 'string') throw new CliError('INVALID_NAME', at);
    const base = { name, packageName: `${ws.scope}/${name}`, domain: at.domain, folder: at.folder, base: upToRoot(at.folder) };
    return { ...base, modelName: name, dataRef: text(answers, 'data'), trainOut: `dist/models/${name}`, gatedOut: `dist/models/${name}-gated` };
  },
  actions: (o) => [
    addTemplates('model-lib', o.folder, o),
    `Created ${o.folder} (${o.packageName}): stages ${o.name}:train and ${o.name}:gate, trained on ${o.dataRef}.`,
    ...nextSteps([
      ['npm install', `links ${o.packageName} into node_modules`],
      [`npx nx run ${o.name}:gate`, `runs ${o.dataRef} and train first, then the gates`],
      [`npx nx run-many -t typecheck lint test -p ${o.name}`, 'its checks and tests'],
      [`npm run generate -- web-app --name ${o.domain}-web --model ${o.name}:gate`, 'an app that serves it'],
    ]),
  ],
};
