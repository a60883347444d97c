import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readJsonFile } from '@cd4ml/fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { copyWorkspace } from './workspace-copy.ts';

const run = promisify(execFile);
let workspace: string;

const DATA_STAGES = ['sales-data:generate', 'sales-data:ingest', 'sales-data:validate'];

/**
 * Runs stages of sales-model (and, through dependsOn, generate, ingest and validate) and says which
 * tasks ran.
 */
async function stages(...targets: ('train' | 'evaluate' | 'gate')[]): Promise<{ ran: string[]; cached: string[]; output: string }> {
  // The outer Nx (running this test) exports NX_* variables that must not leak into the inner one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  const { stdout } = await run('npx', ['nx', 'run-many', '-p', 'sales-model', '-t', ...targets, '--outputStyle=stream'], {
    cwd: workspace,
    env: { ...env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_CACHE_DIRECTORY: join(workspace, '.nx-cache') },
    maxBuffer: 32 * 1024 * 1024,
  });
  // Nx prints one "> nx run project:target" line per task, marked when it came from the cache.
  const tasks = [...stdout.matchAll(/^> nx run (\S+)(.*)$/gm)].map((m) => ({ task: m[1]!, cached: /cache/.test(m[2]!) }));
  expect(tasks.map((t) => t.task).sort()).toEqual([...DATA_STAGES, ...['train', ...targets.filter((t) => t !== 'train')].map((t) => `sales-model:${t}`)].sort());
  expect(stdout).toMatch(/Successfully ran targets? [\w ,]+ for project sales-model/);
  return { ran: tasks.filter((t) => !t.cached).map((t) => t.task), cached: tasks.filter((t) => t.cached).map((t) => t.task), output: stdout };
}

/** Runs the train stage (and the data stages before it) and says which tasks ran. */
const train = () => stages('train');

/** The bar each gate of the served model was judged by (its gates.json), and the manifest the stages after gate hash. */
async function served(): Promise<{ bars: Record<string, number | null>; manifest: string }> {
  const dir = join(workspace, 'dist/models/sales-forecast-gated');
  const gates = await readJsonFile(join(dir, 'gates.json'), z.object({ results: z.array(z.object({ gate: z.string(), bar: z.number().nullable() })) }));
  return { bars: Object.fromEntries(gates.results.map((r) => [r.gate, r.bar])), manifest: await readFile(join(dir, 'manifest.json'), 'utf8') };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(workspace, file);
  const before = await readFile(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(path, after);
}

/**
 * Nx must rerun exactly what a change touches, and nothing else. Data files are gitignored, so the
 * manifests written by each stage carry the data's identity into the next stage's hash.
 */
describe('Nx caching of the pipeline', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    workspace = await copyWorkspace();
  }, 60_000);

  it('runs every stage the first time and serves all of them from the cache the second time', async () => {
    const first = await stages('train', 'evaluate', 'gate');
    expect(first.cached).toEqual([]);
    expect(first.output).toMatch(/trained sales-forecast/);
    const second = await stages('train', 'evaluate', 'gate');
    expect(second.ran).toEqual([]);
  });

  it('reruns only gate when a gate bar changes: train and evaluate come from the cache, and what reads the gated model sees the change', async () => {
    const before = await served();
    await edit('libs/sales/model/gates.yaml', (t) => t.replace('maxError: 0.65', 'maxError: 0.7'));
    const result = await stages('train', 'evaluate', 'gate');
    expect(result.ran).toEqual(['sales-model:gate']);
    const after = await served();
    expect([before.bars['threshold'], after.bars['threshold']]).toEqual([0.65, 0.7]);
    // The stages after gate (package, serve) hash this manifest: a new bar reruns them.
    expect(after.manifest).not.toBe(before.manifest);
  });

  it('reruns none of train, evaluate and gate when a monitoring bar changes', async () => {
    await edit('libs/sales/model/monitoring.yaml', (t) => t.replace('maxPsi: 0.2', 'maxPsi: 0.25'));
    expect((await stages('train', 'evaluate', 'gate')).ran).toEqual([]);
  });

  it('reruns only train when params change', async () => {
    await edit('libs/sales/model/params.yaml', (t) => t.replace('learningRate: 0.08', 'learningRate: 0.1'));
    const result = await train();
    expect(result.ran).toEqual(['sales-model:train']);
    expect(result.output).toMatch(/trained sales-forecast/);
  });

  it('reruns only train when training code changes', async () => {
    await edit('libs/sales/model/src/baselines/baselines.ts', (t) => `${t}\n// a comment\n`);
    expect((await train()).ran).toEqual(['sales-model:train']);
  });

  it('reruns nothing when only a test file changes', async () => {
    await edit('libs/sales/model/src/baselines/baselines.test.ts', (t) => `${t}\n// a comment\n`);
    expect((await train()).ran).toEqual([]);
  });

  it('reruns nothing when code that training does not run changes: the registry CLI, test support, a bench', async () => {
    await edit('libs/cd4ml/registry/src/cli/registry-cli.ts', (t) => `${t}\n// a comment\n`);
    await edit('libs/sales/model/src/test-support/fixture-data.ts', (t) => `${t}\n// a comment\n`);
    await edit('libs/sales/data/src/bench/bench.ts', (t) => `${t}\n// a comment\n`);
    expect((await train()).ran).toEqual([]);
  });

  it('reruns ingest alone when its code changes but its output does not: later stages hash the data, not the run', async () => {
    await edit('libs/sales/data/src/ingest/split-by-time.ts', (t) => `${t}\n// a comment\n`);
    expect((await train()).ran).toEqual(['sales-data:ingest']);
  });

  it('reruns every data stage and train when outcomes are fed back (sales-web:feedback), then nothing', async () => {
    const logs = join(workspace, 'dist/production-logs');
    await mkdir(logs, { recursive: true });
    const input = { date: '2017-08-16', item_nbr: 99197, store_nbr: 44, onpromotion: false };
    await writeFile(join(logs, 'predictions.jsonl'), `${JSON.stringify({ time: '2017-08-15T18:00:00.000Z', modelVersion: 'm', input, features: [], output: { unit_sales: 7.5 } })}\n`);
    await writeFile(join(logs, 'actuals.jsonl'), `${JSON.stringify({ ...input, unit_sales: 9 })}\n`);
    const feedback = ['--import', 'tsx', 'libs/cd4ml/operations/src/cli.ts', 'feedback', '--definition', '@cd4ml/sales-data/feedback', '--predictions', join(logs, 'predictions.jsonl'), '--actuals', join(logs, 'actuals.jsonl'), '--out', 'data/feedback/default.manifest.json'];
    await run(process.execPath, feedback, { cwd: workspace });
    const result = await train();
    expect(result.ran.sort()).toEqual(['sales-data:generate', 'sales-data:ingest', 'sales-data:validate', 'sales-model:train']);
    expect(result.output).toMatch(/with 1 outcomes fed back/);
    expect((await train()).ran).toEqual([]);
  });

  it('reruns every data stage and train when the data changes', async () => {
    await edit('libs/sales/data/cd4ml.json', (t) => t.replace('/src/generate/cli.ts --out {out} ', '/src/generate/cli.ts --out {out} --seed 7 '));
    const result = await train();
    expect(result.ran.sort()).toEqual(['sales-data:generate', 'sales-data:ingest', 'sales-data:validate', 'sales-model:train']);
    expect(result.output).toMatch(/ingested data\/raw\/default/);
    expect(result.output).toMatch(/trained sales-forecast/);
  });
});
