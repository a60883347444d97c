import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployContext } from '../deploy/context.ts';
import { stopEnvironment } from '../deploy/stop.ts';
import { ENVIRONMENTS } from '../env/environment-config.ts';
import { packageRelease } from '../release/package-release.ts';
import { toyApp, toyModel, toyWorkspace } from './toy-release.ts';

/** A toy workspace with a deploy context, releases made on demand, and everything stopped afterwards. */
export async function toyDeploySetup(o: { approval?: 'auto' | 'manual' } = {}) {
  const ws = await toyWorkspace(o);
  const said: string[] = [];
  const ctx: DeployContext = { environmentsDir: ws.environmentsDir, releasesDir: ws.releasesDir, workspaceRoot: ws.root, say: (line) => said.push(line) };
  /** A release of the toy app with model `version`, misbehaving as `mode` says. */
  const release = async (version: string, mode: 'good' | 'wrong' | 'never-ready' = 'good') => {
    const app = await toyApp(join(ws.root, 'builds', mode), mode);
    const model = await toyModel(join(ws.root, 'models', version), version);
    return (await packageRelease({ appDir: app, modelDir: model, releasesDir: ws.releasesDir, workspaceRoot: ws.root })).release;
  };
  const port = (env: 'staging' | 'production') => (JSON.parse(readFileSync(join(ws.environmentsDir, env, 'environment.json'), 'utf8')) as { port: number }).port;
  /** Stops what the environments run; a test must call it in afterAll. As a last resort, the pids are killed when the test process exits. */
  const stopAll = async () => {
    for (const name of ENVIRONMENTS) await stopEnvironment(ctx, name);
  };
  process.once('exit', () => {
    for (const name of ENVIRONMENTS) {
      try {
        const state = JSON.parse(readFileSync(join(ws.environmentsDir, name, 'state.json'), 'utf8')) as Record<string, { pid?: number } | undefined>;
        for (const k of ['live', 'pending', 'shadow', 'proxy']) if (state[k]?.pid) process.kill(state[k].pid, 'SIGKILL');
      } catch {
        // nothing running there
      }
    }
  });
  return { ws, ctx, said, release, port, stopAll };
}
