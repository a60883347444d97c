import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Where Debian's prometheus package installs the server; `PROMETHEUS` overrides it. */
const prometheusPath = process.env['PROMETHEUS'] ?? '/usr/bin/prometheus';

const answerSchema = z.object({ status: z.enum(['success', 'error']), data: z.unknown().optional(), error: z.string().optional() });
const vectorSchema = z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) });

/** One sample of an instant query: its labels and its value. */
export type Sample = { metric: Record<string, string>; value: number };

/** A Prometheus server of the test's own: its HTTP API, and `close` (stops it, removes its data). */
export interface RunningPrometheus {
  base: string;
  /** GET /api/v1/<path>; throws with Prometheus's error (e.g. a PromQL parse error) on a non-success answer. */
  api(path: string, params?: Record<string, string>): Promise<unknown>;
  /** An instant query's samples. */
  query(expr: string): Promise<Sample[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * Starts Debian's `prometheus` with `config` (YAML text; rule files relative to it must be
 * absolute) on a free loopback port, with its data in a temporary folder, and waits until it is
 * ready. Prometheus is required: a missing binary is an error that says how to install it.
 */
export async function startPrometheus(config: string): Promise<RunningPrometheus> {
  if (!existsSync(prometheusPath)) {
    throw new Error(`prometheus is not installed (looked for ${prometheusPath}). Install Debian's package: apt-get install -y prometheus (.ci/run does), or set PROMETHEUS to its path.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'prometheus-'));
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(prometheusPath, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = once(child, 'exit');
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let waited = 0; ; waited += 100) {
      if (child.exitCode !== null) throw new Error(`prometheus exited (code ${child.exitCode}) before it was ready:\n${stderr}`);
      if ((await fetch(`${base}/-/ready`).catch(() => undefined))?.status === 200) break;
      if (waited > 30_000) throw new Error(`prometheus was not ready after 30 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  const api = async (path: string, params: Record<string, string> = {}) => {
    const answer = answerSchema.parse(await (await fetch(`${base}/api/v1/${path}?${new URLSearchParams(params)}`)).json());
    if (answer.status !== 'success') throw new Error(`prometheus ${path} ${JSON.stringify(params)}: ${answer.error ?? 'error'}`);
    return answer.data;
  };
  return {
    base,
    api,
    query: async (expr) => vectorSchema.parse(await api('query', { query: expr })).result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) })),
    close,
  };
}
