import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const source = resolve(import.meta.dirname, '../..');
let workspace: string;

/** Copies the workspace's files (not data, dist or caches) to a temporary folder that shares node_modules. */
async function copyWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-cache-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(source, file), join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // a file deleted but not yet staged
    });
  }
  await symlink(join(source, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs the train stage (and, through dependsOn, generate, ingest and validate) and says which tasks ran. */
async function train(): Promise<{ cached: number; total: number; output: string }> {
  // The outer Nx (running this test) exports NX_* variables that must not leak into the inner one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  const { stdout } = await run('npx', ['nx', 'run', 'sales-model:train', '--outputStyle=stream'], {
    cwd: workspace,
    env: { ...env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_CACHE_DIRECTORY: join(workspace, '.nx-cache') },
    maxBuffer: 32 * 1024 * 1024,
  });
  const match = /read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(stdout);
  return { cached: match ? Number(match[1]) : 0, total: match ? Number(match[2]) : 4, output: stdout };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(workspace, file);
  const before = await readFile(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(path, after);
}

/**
 * DESIGN.md §4: Nx must rerun exactly what a change touches. Data files are gitignored, so the
 * manifests written by each stage carry the data's identity into the next stage's hash.
 */
describe('Nx caching of the pipeline', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    workspace = await copyWorkspace();
  }, 60_000);

  it('runs every stage the first time and serves all of them from the cache the second time', async () => {
    const first = await train();
    expect(first.cached).toBe(0);
    expect(first.output).toMatch(/trained sales-forecast/);
    const second = await train();
    expect(second).toMatchObject({ cached: 4, total: 4 });
  });

  it('reruns only train when params change', async () => {
    await edit('libs/sales/model/params.yaml', (t) => t.replace('learningRate: 0.08', 'learningRate: 0.1'));
    const result = await train();
    expect(result).toMatchObject({ cached: 3, total: 4 }); // generate, ingest, validate
    expect(result.output).toMatch(/trained sales-forecast/);
  });

  it('reruns nothing when only a test file changes', async () => {
    await edit('libs/sales/model/src/train/baselines.test.ts', (t) => `${t}\n// a comment\n`);
    expect(await train()).toMatchObject({ cached: 4, total: 4 });
  });

  it('reruns ingest and train when the data changes', async () => {
    await edit('libs/sales/data/project.json', (t) => t.replace('--out data/raw/default"', '--out data/raw/default --seed 7"'));
    const result = await train();
    expect(result.cached).toBe(0);
    expect(result.output).toMatch(/ingested data\/raw\/default/);
  });
});
