import { CliError } from '@cd4ml/cli';
import { addTemplates, checkFree, nextSteps, text, upToRoot, type GeneratorSpec } from '../generator.ts';
import { libLocation } from '../names.ts';

/** What the data-lib templates are rendered with. */
export interface DataLibOptions {
  /** Nx name, e.g. "weather-data". */
  name: string;
  /** e.g. "@acme/weather-data". */
  packageName: string;
  /** e.g. "weather": names the table, its files and its functions. */
  domain: string;
  /** e.g. "libs/weather/data". */
  folder: string;
  /** From the folder up to the workspace root, e.g. "../../..". */
  base: string;
  /** Where the generate and validate stages write. */
  rawOut: string;
  processedOut: string;
}

const EXAMPLE = 'weather-data';

/** A data-pipeline lib: a seeded sample table (generate) and the data tests on it (validate), with tests. */
export const dataLib: GeneratorSpec<DataLibOptions> = {
  description: 'a data-pipeline lib: stages generate (seeded sample table + manifest) and validate (data tests), with tests',
  questions: (workspace) => [
    {
      type: 'input',
      name: 'name',
      message: 'Name of the data lib (<domain>-<kind>; weather-data makes libs/weather/data)',
      example: EXAMPLE,
      validate: (value) => {
        const at = libLocation(value, EXAMPLE);
        return typeof at === 'string' ? at : checkFree(workspace(), value, at.folder);
      },
    },
  ],
  normalise: (answers, ws) => {
    const name = text(answers, 'name');
    const at = libLocation(name, EXAMPLE);
    if (typeof at === 'string') throw new CliError('INVALID_NAME', at);
    return { name, packageName: `${ws.scope}/${name}`, domain: at.domain, folder: at.folder, base: upToRoot(at.folder), rawOut: `data/raw/${name}`, processedOut: `data/processed/${name}` };
  },
  actions: (o) => [
    addTemplates('data-lib', o.folder, o),
    `Created ${o.folder} (${o.packageName}): stages ${o.name}:generate and ${o.name}:validate.`,
    ...nextSteps([
      ['npm install', `links ${o.packageName} into node_modules`],
      [`npx nx run ${o.name}:validate`, 'generates the sample table, then runs the data tests on it'],
      [`npx nx run-many -t typecheck lint test -p ${o.name}`, 'its checks and tests'],
      [`npm run generate -- model-lib --name ${o.name.replace(/-[a-z0-9]+$/, '')}-model --data ${o.name}:validate`, 'a model trained on it'],
    ]),
  ],
};
