import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentRunRecords } from './run-record.ts';
import { stageRows } from './run-pipeline.ts';

const source = findWorkspaceRoot(import.meta.dirname);
const stages = ['d:make', 'm:fit', 'm:gate', 'w:contract'].map((stage) => ({ stage, description: stage }));
const task = (id: string, status: string, seconds = 1) => ({ id, project: id.split(':')[0]!, target: id.split(':')[1]!, status, cached: status.startsWith('local-cache'), code: status === 'failure' ? 1 : 0, startTime: 0, endTime: seconds * 1000 });

describe('stageRows', () => {
  it('reads ran, cached, failed, skipped and not run from Nx task results, in pipeline order', () => {
    const summary = { startTime: 0, endTime: 1, tasks: [task('m:gate', 'skipped'), task('d:make', 'local-cache', 0.1), task('m:fit', 'failure', 2), task('x:test', 'success')] };
    expect(stageRows(stages, summary).map((r) => [r.stage, r.outcome, r.seconds])).toEqual([
      ['d:make', 'cached', 0.1],
      ['m:fit', 'failed', 2],
      ['m:gate', 'skipped', 1],
      ['w:contract', 'not run', 0],
    ]);
  });
});

// A throwaway workspace on the real plugin: data -> fit -> gate (a threshold read from params) -> package.
const gate = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const [model, params, out] = process.argv.slice(2);
const bar = Number(/bar: (\\S+)/.exec(readFileSync(params, 'utf8'))[1]);
const figure = 0.9;
const report = { name: 'toy', modelVersion: 'toy-1', rawDataVersion: 'r1', processedDataVersion: 'p1', passed: figure <= bar,
  results: [{ gate: 'threshold', passed: figure <= bar, figure, bar, comparison: '<=', summary: 'error against an absolute bar' }] };
console.log('gates for toy-1 on ' + readFileSync(model + '/manifest.json', 'utf8').trim());
if (!report.passed) {
  writeFileSync(out + '.rejected.json', JSON.stringify(report));
  console.error('error: 1 gate failed:\\n  threshold: 0.9 (bar <= ' + bar + '): error against an absolute bar');
  process.exit(1);
}
mkdirSync(out, { recursive: true });
writeFileSync(out + '/gates.json', JSON.stringify(report));
writeFileSync(out + '/manifest.json', JSON.stringify({ model: 'toy-1' }));`;

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'toy', private: true, type: 'module', workspaces: ['libs/*', 'pipelines'] }),
  'nx.json': JSON.stringify({ plugins: [join(source, 'libs/cd4ml/pipeline/nx-plugin.cjs')], namedInputs: { default: ['{projectRoot}/**/*'], sharedGlobals: [], code: ['{projectRoot}/src/**/*.mjs'] } }),
  '.gitignore': '/data/\n/dist/\n',
  'libs/data/package.json': JSON.stringify({ name: '@toy/data', nx: { name: 'toy-data' } }),
  'libs/data/cd4ml.json': JSON.stringify({ stages: { make: { description: 'make toy data', command: 'node {projectRoot}/make.mjs {out}', out: 'data/toy' } } }),
  'libs/data/make.mjs': "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync(process.argv[2], { recursive: true });\nwriteFileSync(process.argv[2] + '/manifest.json', '{}');\nconsole.log('made toy data');\n",
  'libs/model/package.json': JSON.stringify({ name: '@toy/model', nx: { name: 'toy-model' } }),
  'libs/model/params.yaml': 'bar: 1\n',
  'libs/model/cd4ml.json': JSON.stringify({
    files: { params: '{projectRoot}/params.yaml' },
    stages: {
      fit: { description: 'fit a toy model', command: 'node {projectRoot}/fit.mjs {toy-data:make} {out}', out: 'dist/toy-model' },
      gate: { description: 'threshold gate', command: 'node {projectRoot}/gate.mjs {fit} {params} {out}', out: 'dist/toy-gated' },
    },
  }),
  'libs/model/fit.mjs': "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync(process.argv[3], { recursive: true });\nwriteFileSync(process.argv[3] + '/manifest.json', '{\"fit\":1}');\nconsole.log('fitted');\n",
  'libs/model/gate.mjs': gate,
  'libs/web/package.json': JSON.stringify({ name: '@toy/web', nx: { name: 'toy-web' } }),
  'libs/web/cd4ml.json': JSON.stringify({
    stages: { package: { description: 'package a release', command: 'node {projectRoot}/package.mjs {toy-model:gate} {out}', out: 'dist/toy-release' } },
  }),
  'libs/web/package.mjs': "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync(process.argv[3], { recursive: true });\nwriteFileSync(process.argv[3] + '/release.json', JSON.stringify({ id: 'rel-1', dir: 'releases/rel-1' }));\nconsole.log('packaged rel-1');\n",
  'pipelines/package.json': JSON.stringify({ name: '@toy/pipelines', nx: { name: 'pipelines' } }),
  'pipelines/pipeline.json': JSON.stringify({ stages: ['toy-data:make', 'toy-model:fit', 'toy-model:gate', 'toy-web:package'] }),
};

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-runner-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(ws, file)), { recursive: true });
    await writeFile(join(ws, file), text);
  }
  await symlink(join(source, 'node_modules'), join(ws, 'node_modules'));
}, 30_000);
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

/** `npm run pipeline` in the toy workspace: the real runner CLI, not a terminal (plain lines). */
async function pipeline(): Promise<{ code: number; out: string; err: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  const tsx = join(source, 'node_modules/.bin/tsx');
  return promisify(execFile)(tsx, [join(source, 'libs/cd4ml/pipeline/src/runner/cli.ts'), 'run'], { cwd: ws, env: { ...env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

describe('npm run pipeline, on a throwaway workspace', { timeout: 120_000 }, () => {
  it('runs every stage once, prints each stage output once, and writes a run record and an HTML report', async () => {
    const first = await pipeline();
    expect(first.code, first.err).toBe(0);
    expect(first.out.match(/made toy data/g)).toHaveLength(1);
    expect(first.out).toMatch(/pipeline summary \(\S+s, 4 ran, 0 from the Nx cache\)\n {2}toy-data:make +ran/);
    const { records } = await recentRunRecords(join(ws, 'dist/pipeline'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ passed: true, results: { versions: { model: 'toy-1', release: 'rel-1' }, gates: { passed: true } } });
    const report = await readFile(join(ws, 'dist/pipeline/report.html'), 'utf8');
    expect(report).toContain('toy-web:package');
    expect(report).toContain('threshold');
  });

  it('replays nothing on a rerun with no change: every stage from the cache, no stage output', async () => {
    const second = await pipeline();
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/4 from the Nx cache/);
    expect(second.out).not.toMatch(/made toy data|fitted|packaged/);
  });

  it('stops at a failing gate before package, naming the gate, its figure and its bar, and records the failure', async () => {
    await writeFile(join(ws, 'libs/model/params.yaml'), 'bar: 0.5\n');
    const failed = await pipeline();
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/error: pipeline stopped at toy-model:gate; not run: toy-web:package\. Reason:\n {2}error: 1 gate failed:\n {4}threshold: 0\.9 \(bar <= 0\.5\)/);
    expect(failed.out).not.toMatch(/packaged/);
    const { records } = await recentRunRecords(join(ws, 'dist/pipeline'));
    expect(records.at(-1)).toMatchObject({ passed: false, failure: { stage: 'toy-model:gate' }, results: { gates: { passed: false, file: 'dist/toy-gated.rejected.json' } } });
    expect(await readFile(join(ws, 'dist/pipeline/report.html'), 'utf8')).toMatch(/Stopped at toy-model:gate[\s\S]*bar &lt;= 0\.5/);
  });
});
