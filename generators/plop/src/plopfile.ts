import { join } from 'node:path';
import type { CustomActionFunction, NodePlopAPI } from 'node-plop';
import { z } from 'zod';
import { registerGenerator } from './generator.ts';
import { dataLib } from './generators/data-lib.ts';
import { modelLib } from './generators/model-lib.ts';
import { stage } from './generators/stage.ts';
import { webApp } from './generators/web-app.ts';
import { addDependencies } from './json-edits/add-dependencies.ts';
import { addStage } from './json-edits/add-stage.ts';
import { appendToPipeline } from './json-edits/append-pipeline.ts';
import { versionOf } from './versions.ts';

/** A custom action whose `data` is checked with `schema`; `path` is relative to the workspace root. */
function jsonEdit<S extends z.ZodObject<{ path: z.ZodString }>>(schema: S, edit: (file: string, config: z.infer<S>, root: string) => Promise<string>): CustomActionFunction {
  return async (_answers, config, plop) => {
    const c = schema.parse(config.data);
    return `${c.path}: ${await edit(join(plop.getDestBasePath(), c.path), c, plop.getDestBasePath())}`;
  };
}

const names = z.array(z.string());

/**
 * The in-workspace generators (see generators/plop/README.md): `npx plop` asks, and
 * `npm run generate -- <generator> --<question> <answer> ...` takes every answer as a flag.
 */
export default function plopfile(plop: NodePlopAPI): void {
  plop.setWelcomeMessage('What should be added to this cd4ml workspace?');
  // The `ref` helper of "weather-data:validate" writes the cd4ml.json placeholder `{weather-data:validate}`.
  plop.setHelper('ref', (stageRef: string) => `{${stageRef}}`);
  plop.setHelper('version', (name: string) => versionOf(name));
  plop.setActionType(
    'cd4ml-add-stage',
    jsonEdit(z.looseObject({ path: z.string(), stage: z.string(), declaration: z.object({ description: z.string(), command: z.string(), out: z.string().optional() }) }), (file, c, root) =>
      addStage(file, c.stage, c.declaration, join(root, 'libs/cd4ml/pipeline/cd4ml.schema.json')),
    ),
  );
  plop.setActionType('cd4ml-append-pipeline', jsonEdit(z.looseObject({ path: z.string(), ref: z.string() }), (file, c) => appendToPipeline(file, c.ref)));
  plop.setActionType('cd4ml-add-dependencies', jsonEdit(z.looseObject({ path: z.string(), dependencies: names, devDependencies: names }), (file, c) => addDependencies(file, c)));
  registerGenerator(plop, 'data-lib', dataLib);
  registerGenerator(plop, 'model-lib', modelLib);
  registerGenerator(plop, 'web-app', webApp);
  registerGenerator(plop, 'stage', stage);
}
