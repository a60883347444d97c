import { createHash } from 'node:crypto';
import nodePlop from 'node-plop';
import { z } from 'zod';
import { nameSubstitutions, substitute } from './names.ts';
import type { Options } from './options.ts';
import type { TemplateFile } from './template-files.ts';

/** The new workspace, in memory: path -> bytes. Nothing is written until every file rendered. */
export type Tree = Map<string, { bytes: Uint8Array; executable: boolean }>;

/** What the scaffold stamps into `.cd4ml/answers.json`: what a later `update` needs to merge template changes. */
export interface Answers {
  generator: 'create-cd4ml';
  version: string;
  template: Options['template'];
  answers: { name: string; scope: string; template: Options['template'] };
  /** sha256 of every file written, as written. */
  files: Record<string, string>;
}

export const ANSWERS_FILE = '.cd4ml/answers.json';

const packageName = z.looseObject({ name: z.string() });

/** The reference's own packages (every package.json outside the platform and the root), by name. */
export function domainPackages(files: readonly TemplateFile[]): string[] {
  const names: string[] = [];
  for (const f of files) {
    if (!f.path.endsWith('/package.json') || f.path.startsWith('libs/cd4ml/')) continue;
    const parsed = packageName.safeParse(JSON.parse(new TextDecoder().decode(f.bytes)));
    if (parsed.success) names.push(parsed.data.name);
  }
  return names.sort();
}

/**
 * Renders a template into an in-memory tree through node-plop, driven programmatically: one
 * generator whose actions (a custom `render` action type) substitute the user's names in each file
 * and, for a `.hbs` file, render it with Handlebars and drop the extension. The answers are
 * collected by the CLI, not by plop's prompts. Finally `.cd4ml/answers.json` is stamped with the
 * generator version, the answers and the sha256 of every file.
 */
export async function renderTemplate(files: readonly TemplateFile[], o: Pick<Options, 'name' | 'scope' | 'template'>, version: string): Promise<Tree> {
  const plop = await nodePlop(undefined, { force: false, destBasePath: '/' });
  const tree: Tree = new Map();
  const subs = nameSubstitutions(o, domainPackages(files));
  const data = { name: o.name, scope: o.scope, template: o.template, version };
  plop.setActionType('render', (_answers, config) => {
    const file = (config as unknown as { file: TemplateFile }).file;
    let path = file.path;
    let bytes = substitute(file.bytes, subs);
    if (path.endsWith('.hbs')) {
      path = path.slice(0, -'.hbs'.length);
      bytes = new TextEncoder().encode(plop.renderString(new TextDecoder().decode(bytes), data));
    }
    if (tree.has(path)) throw new Error(`two template files render to ${path}`);
    tree.set(path, { bytes, executable: file.executable });
    return path;
  });
  plop.setGenerator('workspace', { description: `a ${o.template} workspace`, prompts: [], actions: files.map((file) => ({ type: 'render', file, abortOnFail: true })) });
  const { failures } = await plop.getGenerator('workspace').runActions(data);
  if (failures.length > 0) throw new Error(`the template did not render: ${failures.map((f) => `${f.path || f.type}: ${f.error}`).join('; ')}`);
  const answers: Answers = {
    generator: 'create-cd4ml',
    version,
    template: o.template,
    answers: { name: o.name, scope: o.scope, template: o.template },
    files: Object.fromEntries([...tree].map(([path, f]) => [path, createHash('sha256').update(f.bytes).digest('hex')])),
  };
  tree.set(ANSWERS_FILE, { bytes: new TextEncoder().encode(`${JSON.stringify(answers, null, 2)}\n`), executable: false });
  return tree;
}
