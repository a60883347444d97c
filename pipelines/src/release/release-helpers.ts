import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';

const run = promisify(execFile);
export const root = findWorkspaceRoot(import.meta.dirname);

/** The outer Nx run's variables must not reach the CLIs a test starts. */
const cleanEnv = (extra: Record<string, string> = {}) => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_'))), FORCE_COLOR: '0', ...extra });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A scratch place for releases and environments (free ports), used through the real deploy CLI. */
export async function scratchDelivery(): Promise<{ dir: string; cli: (args: string[], env?: Record<string, string>) => Promise<{ code: number; out: string }> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-delivery-'));
  for (const name of ['staging', 'production'] as const) {
    await mkdir(join(dir, 'environments', name), { recursive: true });
    const config = { name, port: await freePort(), strategy: name === 'production' ? 'blue-green' : 'replace', readyTimeoutSeconds: 60, postDeploySeconds: 2 };
    await writeFile(join(dir, 'environments', name, 'environment.json'), JSON.stringify(config));
  }
  await cp(join(root, 'environments/production/promotion.json'), join(dir, 'environments/production/promotion.json'));
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', join(root, 'libs/cd4ml/deploy/src/cli.ts'), '--environments', join(dir, 'environments'), '--releases', join(dir, 'releases'), ...args], { cwd: root, env: cleanEnv(env), maxBuffer: 1 << 24 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  // The last resort if a test dies before its afterAll: no release or proxy outlives the test process.
  process.once('exit', () => {
    for (const name of ['staging', 'production']) {
      try {
        const state = JSON.parse(readFileSync(join(dir, 'environments', name, 'state.json'), 'utf8')) as Record<string, { pid?: number } | undefined>;
        for (const k of ['live', 'pending', 'shadow', 'proxy']) if (state[k]?.pid) process.kill(state[k].pid, 'SIGKILL');
      } catch {
        // nothing runs there
      }
    }
  });
  return { dir, cli };
}

/** Trains and gates a small model through the real stage CLIs (the app's own fixture builder); returns the gated model's folder. */
export async function fixtureModel(stores: number): Promise<string> {
  const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/sales-web/test/build-fixture-model.ts'), String(stores)], { cwd: root, env: cleanEnv(), maxBuffer: 1 << 24 });
  return join(stdout.trim().split('\n').at(-1)!, 'gated');
}

/** The app's build stage (the command line inferred from apps/sales-web/cd4ml.json), into `out`. */
export async function buildApp(out: string): Promise<string> {
  await run(process.execPath, ['--import', 'tsx', join(root, 'libs/cd4ml/deploy/src/cli.ts'), 'build', '--project', 'apps/sales-web', '--name', 'sales-web', '--out', out], { cwd: root, env: cleanEnv() });
  return out;
}

/**
 * A copy of a gated model where one statistic in model.json changed, with a manifest that matches
 * again: it passes every checksum (and packaging), but the app's holdout replay at start-up refuses it.
 */
export async function tamperedModel(gated: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'cd4ml-tampered-')), 'gated');
  await cp(gated, dir, { recursive: true });
  const card = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { spec: { stats: { items: Record<string, number[]> } } };
  const first = Object.values(card.spec.stats.items)[0]!;
  first[0]! += 0.3;
  const text = JSON.stringify(card);
  await writeFile(join(dir, 'model.json'), text);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
  manifest.files['model.json'] = { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** Reads a JSON answer. */
export async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
