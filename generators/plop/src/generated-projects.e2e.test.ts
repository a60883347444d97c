import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { pipelineDefinitionSchema } from '@cd4ml/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerEnv, run, scratchWorkspace } from './test-support/scratch-workspace.ts';

const source = findWorkspaceRoot(import.meta.dirname);
let ws: string;
const generated: string[] = [];
const npm = (...args: string[]) => run(ws, 'npm', args);
const nx = (...args: string[]) => run(ws, join(ws, 'node_modules/.bin/nx'), [...args, '--outputStyle=stream']);
/** The tasks of one Nx run, as its "> nx run project:target" lines name them. */
const tasksOf = (out: string) => [...out.matchAll(/^> nx run (\S+)/gm)].map((m) => m[1]!).sort();

/**
 * The generators' proof: in a scratch copy of this workspace, generate a data lib, a model lib on
 * it, a web app serving the model and a stage, through `npm run generate`, then run what Nx infers
 * for them (typecheck, lint, test and their stages) and serve the model over HTTP.
 */
describe('generated projects, in a scratch copy of this workspace', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    ws = await scratchWorkspace(source);
    generated.push(await npm('run', 'generate', '--', 'data-lib', '--name', 'weather-data'));
    generated.push(await npm('run', 'generate', '--', 'model-lib', '--name', 'weather-model', '--data', 'weather-data:validate'));
    generated.push(await npm('run', 'generate', '--', 'web-app', '--name', 'weather-web', '--model', 'weather-model:gate'));
    generated.push(await npm('run', 'generate', '--', 'stage', '--project', 'weather-data', '--stage', 'enrich', '--reads', 'weather-data:generate', '--pipeline'));
  }, 120_000);
  afterAll(async () => {
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('pass their typecheck, lint and test targets, and run their stages: gate runs generate, validate and train first', async () => {
    expect(generated.join('\n')).toMatch(/Created libs\/weather\/data[\s\S]*Created libs\/weather\/model[\s\S]*Created apps\/weather-web[\s\S]*Added stage weather-data:enrich/);
    const out = await nx('run-many', '-t', 'typecheck', 'lint', 'test', 'gate', 'enrich', '-p', 'weather-data', 'weather-model', 'weather-web');
    const targets = ['typecheck', 'lint', 'test'];
    expect(tasksOf(out)).toEqual(
      [...['weather-data', 'weather-model', 'weather-web'].flatMap((p) => targets.map((t) => `${p}:${t}`)), 'weather-data:generate', 'weather-data:validate', 'weather-data:enrich', 'weather-model:train', 'weather-model:gate'].sort(),
    );
    expect(out).toMatch(/weather-data: validated 730 rows/);
    expect(out).toMatch(/weather-data: enrich: wrote weather\.csv \(730 rows\)/);
    expect(JSON.parse(await readFile(join(ws, 'dist/models/weather-model-gated/gates.json'), 'utf8'))).toMatchObject({ name: 'weather-model', passed: true });
    expect(pipelineDefinitionSchema.parse(JSON.parse(await readFile(join(ws, 'pipelines/pipeline.json'), 'utf8'))).stages.at(-1)).toBe('weather-data:enrich');
  });

  it('serve the gated model: ready, and answering predictions over HTTP', async () => {
    const child = spawn(join(ws, 'node_modules/.bin/nx'), ['run', 'weather-web:serve', '--outputStyle=stream'], { cwd: ws, env: innerEnv({ PORT: '0' }), detached: true });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`nx run weather-web:serve exited with ${code}:\n${out}`)));
      });
      expect(await (await fetch(`${url}/ready`)).json()).toMatchObject({ status: 'ready' });
      const res = await fetch(`${url}/api/v1/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ x1: 10, x2: 0.5, x3: 2 }, { x1: 25, x2: 0.9, x3: 7 }] }) });
      const body = (await res.json()) as { predictions: number[] };
      expect(res.status).toBe(200);
      expect(body.predictions).toHaveLength(2);
      expect(body.predictions[1]).toBeGreaterThan(body.predictions[0]!);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
