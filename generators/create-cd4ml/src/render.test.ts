import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { describe, expect, it } from 'vitest';
import { nameSubstitutions, substitute } from './names.ts';
import { ANSWERS_FILE, domainPackages, renderTemplate } from './render.ts';
import { loadTemplateFiles, MINIMAL_DIR, selectTemplateFiles, trackedFiles } from './template-files.ts';

const repo = findWorkspaceRoot(import.meta.dirname);
const packageRoot = join(repo, 'generators/create-cd4ml');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('name substitution', () => {
  const subs = nameSubstitutions({ name: '@acme/demo', scope: '@acme', template: 'sales-forecasting' }, ['@cd4ml/sales-model', '@cd4ml/sales-web', '@cd4ml/pipelines']);
  it.each([
    ["import { x } from '@cd4ml/sales-model';", "import { x } from '@acme/sales-model';"],
    ['"@cd4ml/sales-web": "*", "@cd4ml/fs": "*"', '"@acme/sales-web": "*", "@cd4ml/fs": "*"'],
    ['@cd4ml/sales-model-extra stays: not a package of the template', '@cd4ml/sales-model-extra stays: not a package of the template'],
    ['{\n  "name": "cd4ml",\n  "version": "0.1.0"', '{\n  "name": "@acme/demo",\n  "version": "0.1.0"'],
    ['"name": "cd4ml-fs"', '"name": "cd4ml-fs"'],
  ])('%j -> %j', (input, output) => {
    expect(text(substitute(new TextEncoder().encode(input), subs))).toBe(output);
  });

  it('leaves binary content alone', () => {
    const bytes = new Uint8Array([0, 64, 99, 100, 52, 109, 108, 47]);
    expect(substitute(bytes, subs)).toBe(bytes);
  });
});

describe('template files', () => {
  const tracked = trackedFiles(repo);

  // npm ci in a generated project (its README's first command) refuses a lockfile that does not
  // match its package.json files; this says so in a second, where the end-to-end stage takes minutes.
  it("the minimal template's lockfile has every workspace package of the template, with the same dependencies", () => {
    const files = loadTemplateFiles('minimal', packageRoot);
    const lock = JSON.parse(text(files.find((f) => f.path === 'package-lock.json')!.bytes)) as { packages: Record<string, { dependencies?: object; devDependencies?: object }> };
    const manifests = files.filter((f) => f.path.endsWith('/package.json') && f.path.split('/').length > 2 && !f.path.includes('/templates/'));
    const sorted = (o: object = {}) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
    const deps = (m: { dependencies?: object; devDependencies?: object } | undefined) => [sorted(m?.dependencies), sorted(m?.devDependencies)];
    const stale = manifests
      .map((f) => f.path.slice(0, -'/package.json'.length))
      .filter((dir) => JSON.stringify(deps(lock.packages[dir])) !== JSON.stringify(deps(JSON.parse(text(files.find((f) => f.path === `${dir}/package.json`)!.bytes)) as object)));
    expect(stale, 'run: npx tsx generators/create-cd4ml/scripts/minimal-lock.ts').toEqual([]);
  });

  it('the reference is this repository, less the scaffolder itself', () => {
    const files = selectTemplateFiles('sales-forecasting', tracked).map((f) => f.to);
    expect(files).toContain('libs/sales/model/params.yaml');
    expect(files).toContain('libs/cd4ml/pipeline/nx-plugin.cjs');
    expect(files.filter((f) => f.startsWith('generators/create-cd4ml/'))).toEqual([]);
  });

  it('minimal is the shared platform and root configuration, with its own files on top and no sales file', () => {
    const files = selectTemplateFiles('minimal', tracked);
    expect(files.filter((f) => /sales|favorita|replenishment/i.test(f.to))).toEqual([]);
    expect(files.map((f) => f.to)).toEqual(expect.arrayContaining(['nx.json', 'eslint.config.js', 'libs/cd4ml/evaluation/src/metrics.ts']));
    expect(files.filter((f) => f.from.startsWith(MINIMAL_DIR)).every((f) => !f.to.startsWith('generators/'))).toBe(true);
  });
});

describe('rendering sales-forecasting (conformance with this repository)', () => {
  const files = loadTemplateFiles('sales-forecasting', packageRoot);

  it("with the reference's own names, renders exactly this repository", async () => {
    const tree = await renderTemplate(files, { name: 'cd4ml', scope: '@cd4ml', template: 'sales-forecasting' }, '0.0.0');
    const drift = selectTemplateFiles('sales-forecasting', trackedFiles(repo)).filter(({ from, to }) => text(tree.get(to)!.bytes) !== readFileSync(join(repo, from), 'utf8'));
    expect(drift).toEqual([]);
  });

  it("with the user's names, differs from this repository only by those names", async () => {
    const tree = await renderTemplate(files, { name: '@acme/demo', scope: '@acme', template: 'sales-forecasting' }, '0.0.0');
    // Put the reference's names back: then every file must be byte for byte the repository's.
    const domain = domainPackages(files).map((n) => n.slice('@cd4ml/'.length));
    const undo = (s: string) => s.replace(new RegExp(`@acme/(?=(${domain.join('|')})(?![\\w-]))`, 'g'), '@cd4ml/').replace(/^(\s*"name": )"@acme\/demo"/gm, '$1"cd4ml"');
    const drift = [...tree].filter(([path]) => path !== ANSWERS_FILE).filter(([path, f]) => undo(text(f.bytes)) !== readFileSync(join(repo, path), 'utf8'));
    expect(drift.map(([p]) => p)).toEqual([]);
    expect(text(tree.get('libs/sales/model/package.json')!.bytes)).toMatch(/"name": "@acme\/sales-model"/);
    expect(text(tree.get('package.json')!.bytes)).toMatch(/"name": "@acme\/demo"/);
  });

  it('stamps the answers, the generator version and the sha256 of every file it writes', async () => {
    const tree = await renderTemplate(files, { name: 'demo', scope: '@demo', template: 'sales-forecasting' }, '1.2.3');
    const answers = JSON.parse(text(tree.get(ANSWERS_FILE)!.bytes));
    expect(answers).toMatchObject({ generator: 'create-cd4ml', version: '1.2.3', template: 'sales-forecasting', answers: { name: 'demo', scope: '@demo' } });
    expect(Object.keys(answers.files)).toHaveLength(tree.size - 1);
    expect(answers.files['nx.json']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no unrendered template marker in any file (the in-workspace generators keep theirs, to run later)', async () => {
    const tree = await renderTemplate(files, { name: 'demo', scope: '@demo', template: 'sales-forecasting' }, '1.2.3');
    // A marker is a Handlebars expression of the answers a template renders with (name, scope,
    // template, version). Other braces are not ours and stay: GitHub Actions' ${{ }}, Prometheus'
    // {{ $labels.x }}, Grafana's {{model_version}} legends.
    const marker = /\{\{[#/^~]?\s*(?:[a-z]+\s+)?(name|scope|template|version)\b[^}]*\}\}/;
    const markers = [...tree]
      // The generators' templates, and the answers file that lists their paths, keep the placeholders.
      .filter(([path]) => !path.startsWith('generators/plop/templates/') && path !== ANSWERS_FILE)
      .filter(([path, f]) => /__name__|\{\{/.test(path) || marker.test(text(f.bytes)))
      .map(([p]) => p);
    expect(markers).toEqual([]);
  });
});
