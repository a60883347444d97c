import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const source = findWorkspaceRoot(import.meta.dirname);
let ws: string;

/** A throwaway workspace with two toy projects declared through configuration alone, on the real plugin. */
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'toy', private: true, type: 'module', workspaces: ['libs/toy/*'] }),
  'nx.json': JSON.stringify({ plugins: [join(source, 'libs/cd4ml/pipeline/nx-plugin.cjs')], namedInputs: { default: ['{projectRoot}/**/*'], sharedGlobals: [], code: ['{projectRoot}/src/**/*.ts'] } }),
  '.gitignore': '/data/\n/dist/\n',
  'libs/toy/data/package.json': JSON.stringify({ name: '@toy/data', type: 'module', nx: { name: 'toy-data' } }),
  'libs/toy/data/cd4ml.json': JSON.stringify({ stages: { make: { description: 'write toy data', command: 'node {projectRoot}/src/make.mjs {out} 1', out: 'data/toy' } } }),
  'libs/toy/data/src/make.mjs': [
    "import { mkdirSync, writeFileSync } from 'node:fs';",
    'const [out, seed] = process.argv.slice(2);',
    'mkdirSync(out, { recursive: true });',
    "writeFileSync(`${out}/rows.csv`, `x\\n${seed}\\n`);",
    "writeFileSync(`${out}/manifest.json`, JSON.stringify({ seed }));",
    "console.log('made toy data');",
  ].join('\n'),
  'libs/toy/model/package.json': JSON.stringify({ name: '@toy/model', type: 'module', nx: { name: 'toy-model' } }),
  'libs/toy/model/cd4ml.json': JSON.stringify({
    model: 'toy',
    files: { params: '{projectRoot}/params.yaml' },
    stages: { fit: { description: 'fit a toy model', command: 'tsx {projectRoot}/src/fit.ts {toy-data:make} {params} {out}', out: 'dist/toy-model' } },
  }),
  'libs/toy/model/params.yaml': 'rate: 1\n',
  'libs/toy/model/src/fit.ts': "import { fitted } from './fitted.ts';\nconst [data, params, out] = process.argv.slice(2);\nfitted(data!, params!, out!);\n",
  'libs/toy/model/src/fitted.ts':
    "import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';\nexport function fitted(data: string, params: string, out: string): void {\n  mkdirSync(out, { recursive: true });\n  writeFileSync(`${out}/manifest.json`, readFileSync(`${data}/rows.csv`, 'utf8') + readFileSync(params, 'utf8'));\n  console.log('fitted toy model');\n}\n",
  'libs/toy/model/src/bench.ts': "console.log('not part of fit');\n",
};

async function nx(...args: string[]): Promise<string> {
  // The outer Nx (running this test) exports NX_* variables that must not leak into the inner one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  const result = await run(join(source, 'node_modules/.bin/nx'), args, { cwd: ws, env: { ...env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, maxBuffer: 1 << 24 }).catch((error: Error & { stdout: string; stderr: string }) => {
    throw Object.assign(new Error(`nx ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`), { stdout: error.stdout, stderr: error.stderr });
  });
  return result.stdout;
}

/** Which tasks ran (not from the cache) in one `nx run`. */
async function ran(target: string): Promise<string[]> {
  const out = await nx('run', target, '--outputStyle=stream');
  return [...out.matchAll(/^> nx run (\S+)(.*)$/gm)].filter((m) => !/cache/.test(m[2]!)).map((m) => m[1]!).sort();
}

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-toy-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(ws, file)), { recursive: true });
    await writeFile(join(ws, file), text);
  }
  await symlink(join(source, 'node_modules'), join(ws, 'node_modules'));
}, 30_000);
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('the cd4ml Nx plugin on a throwaway domain, declared through cd4ml.json alone', { timeout: 120_000 }, () => {
  it('infers each stage with its command, its traced code, its params and the manifest it reads', async () => {
    const project = JSON.parse(await nx('show', 'project', 'toy-model', '--json')) as { targets: Record<string, { inputs?: unknown[]; dependsOn?: unknown[]; outputs?: string[]; options?: { command?: string } }>; implicitDependencies: string[] };
    const fit = project.targets['fit']!;
    expect(fit.options?.command).toBe('tsx libs/toy/model/src/fit.ts data/toy libs/toy/model/params.yaml dist/toy-model');
    expect(fit.inputs).toEqual([
      '{workspaceRoot}/libs/toy/model/src/fit.ts',
      '{workspaceRoot}/libs/toy/model/src/fitted.ts',
      'sharedGlobals',
      '{workspaceRoot}/libs/toy/model/params.yaml',
      { dependentTasksOutputFiles: 'data/toy/manifest.json' },
    ]);
    expect(fit.dependsOn).toEqual([{ projects: ['toy-data'], target: 'make' }]);
    expect(fit.outputs).toEqual(['{workspaceRoot}/dist/toy-model']);
    expect(project.implicitDependencies).toEqual(['toy-data']);
  });

  it('caches by data and params: nothing reruns unchanged, params rerun only fit, new data reruns both', async () => {
    expect(await ran('toy-model:fit')).toEqual(['toy-data:make', 'toy-model:fit']);
    expect(await ran('toy-model:fit')).toEqual([]);
    await writeFile(join(ws, 'libs/toy/model/src/bench.ts'), "console.log('still not part of fit');\n");
    expect(await ran('toy-model:fit')).toEqual([]);
    await writeFile(join(ws, 'libs/toy/model/params.yaml'), 'rate: 2\n');
    expect(await ran('toy-model:fit')).toEqual(['toy-model:fit']);
    const config = join(ws, 'libs/toy/data/cd4ml.json');
    await writeFile(config, (await readFile(config, 'utf8')).replace('{out} 1', '{out} 2'));
    expect(await ran('toy-model:fit')).toEqual(['toy-data:make', 'toy-model:fit']);
    expect(await readFile(join(ws, 'dist/toy-model/manifest.json'), 'utf8')).toBe('x\n2\nrate: 2\n');
  });

  it('refuses an unknown placeholder, naming the file, the stage and the known names', async () => {
    const config = join(ws, 'libs/toy/model/cd4ml.json');
    const good = await readFile(config, 'utf8');
    await writeFile(config, good.replace('{params}', '{parms}'));
    try {
      const error = await nx('show', 'project', 'toy-model', '--json').then(() => undefined, (e: { stderr: string; stdout: string }) => e.stderr + e.stdout);
      expect(error).toMatch(/libs\/toy\/model\/cd4ml\.json: stages\.fit\.command: unknown placeholder \{parms\}; known here: .*\{params\}/);
    } finally {
      await writeFile(config, good);
    }
  });
});
