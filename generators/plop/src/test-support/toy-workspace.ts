import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import nodePlop, { type NodePlopAPI } from 'node-plop';
import plopfile from '../plopfile.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A throwaway workspace of another domain (a shop), declared through files alone: a data lib with
 * a stage that writes a folder and one that does not, a model, an app without a tsconfig, and a
 * pipeline. The root package is not scoped; the domain's packages are `@shop/*`.
 */
export const TOY_FILES: Record<string, string> = {
  'package.json': json({ name: 'toy', private: true, type: 'module', workspaces: ['libs/*/*', 'apps/*', 'pipelines'] }),
  'nx.json': json({}),
  'libs/cd4ml/pipeline/cd4ml.schema.json': json({}),
  'libs/shop/data/package.json': json({ name: '@shop/shop-data', type: 'module', nx: { name: 'shop-data' }, dependencies: { zod: '^4.0.0' } }),
  'libs/shop/data/cd4ml.json': json({
    $schema: '../../cd4ml/pipeline/cd4ml.schema.json',
    stages: { ingest: { description: 'ingest', command: 'node ingest.js {out}', out: 'data/shop' }, check: { description: 'check', command: 'node check.js' } },
  }),
  'libs/shop/model/package.json': json({ name: '@shop/shop-model', nx: { name: 'shop-model' } }),
  'libs/shop/model/cd4ml.json': json({ model: 'shop', stages: { gate: { description: 'gate', command: 'node gate.js {shop-data:ingest} {out}', out: 'dist/shop' } } }),
  'apps/shop-web/package.json': json({ name: '@shop/shop-web', private: true, nx: { name: 'shop-web' } }),
  'pipelines/package.json': json({ name: '@shop/pipelines', nx: { name: 'pipelines' } }),
  'pipelines/pipeline.json': json({ $schema: '../x.json', description: 'toy', stages: ['shop-data:ingest'], serve: 'shop-data:ingest' }),
};

/** Writes the toy workspace (`files` replace or add to it) into a new temporary folder. */
export async function toyWorkspace(files: Record<string, string | undefined> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-plop-'));
  for (const [path, text] of Object.entries({ ...TOY_FILES, ...files })) {
    if (text === undefined) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** The generators of the plopfile, writing into `root`. */
export async function plopIn(root: string): Promise<NodePlopAPI> {
  const plop = await nodePlop(undefined, { destBasePath: root, force: false });
  plopfile(plop);
  return plop;
}
