import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '@cd4ml/fs';
import { writeArtifactFiles, type GateReport } from '@cd4ml/model-artifact';
import type { AppDescriptorInput } from '../app-descriptor.ts';
import { ENVIRONMENTS } from '../env/environment-config.ts';
import { freePort } from '../env/instances.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A toy app for the platform's tests: a plain Node server with the smoke contract of app.json
 * (health, readiness, model info, a batch route answering 2x for each input x). `mode` makes it
 * misbehave the ways a release can: wrong answers, never ready. It stops by itself after ten
 * minutes, so a test killed midway leaves no process behind for long.
 */
const SERVER = `import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const arg = (n) => process.argv[process.argv.indexOf(n) + 1];
const model = JSON.parse(readFileSync(arg('--model') + '/model.json', 'utf8'));
const mode = JSON.parse(readFileSync(new URL('./mode.json', import.meta.url), 'utf8')).mode;
const json = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/health') return json(res, 200, { status: 'ok' });
    if (req.url === '/ready') return mode === 'never-ready' ? json(res, 503, { reason: 'model refused' }) : json(res, 200, { status: 'ready' });
    if (req.url === '/info') return json(res, 200, { version: model.version, data: model.data });
    if (req.url === '/release') return json(res, 200, { release: process.env.CD4ML_RELEASE });
    if (req.url === '/predict' && req.method === 'POST') {
      const rows = JSON.parse(body).rows;
      return json(res, 200, { answers: rows.map((r) => ({ value: 2 * r.x + (mode === 'wrong' ? 0.5 : 0) })), version: model.version });
    }
    json(res, 404, { error: 'no route' });
  });
});
server.listen(Number(arg('--port')), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
setTimeout(() => process.exit(0), 600_000).unref();
`;

export const toyDescriptor: AppDescriptorInput = {
  name: 'toy-web',
  start: ['{release}/app/main.mjs', '--model', '{model}', '--port', '{port}'],
  smoke: {
    health: '/health',
    ready: '/ready',
    model: { path: '/info', versionField: 'version' },
    replay: { path: '/predict', requestField: 'rows', answersField: 'answers', valueField: 'value', versionField: 'version', maxRows: 3 },
  },
};

/** An app build output (what `build` writes) for the toy app. */
export async function toyApp(dir: string, mode: 'good' | 'wrong' | 'never-ready' = 'good'): Promise<string> {
  await mkdir(join(dir, 'app'), { recursive: true });
  await writeFile(join(dir, 'app', 'main.mjs'), SERVER);
  await writeJsonAtomic(join(dir, 'app', 'mode.json'), { mode });
  await writeJsonAtomic(join(dir, 'app.json'), toyDescriptor);
  await writeJsonAtomic(join(dir, 'manifest.json'), { mode });
  return dir;
}

/** A gated toy model artifact: version, raw and processed data versions, a holdout of x -> 2x. */
export async function toyModel(dir: string, version: string, o: { passed?: boolean } = {}): Promise<string> {
  const onnx = `toy model ${version}`;
  const gates: GateReport = {
    name: 'toy',
    modelVersion: version,
    modelSha256: sha(onnx),
    metric: { name: 'rmse', value: 0.1 },
    rawDataVersion: sha(`raw ${version}`),
    processedDataVersion: sha(`processed ${version}`),
    passed: o.passed ?? true,
    results: [{ gate: 'parity', passed: o.passed ?? true, figure: 0, bar: 1e-4, comparison: '<=', summary: 'toy' }],
  };
  await writeArtifactFiles(dir, {
    'model.onnx': onnx,
    'model.json': JSON.stringify({ version, data: { raw: gates.rawDataVersion, processed: gates.processedDataVersion } }),
    'holdout.json': JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((x) => ({ input: { x }, expected: 2 * x }))),
    'gates.json': JSON.stringify(gates),
  });
  return dir;
}

/** A workspace-like folder with environments on free ports, a releases folder and a lockfile. */
export async function toyWorkspace(o: { approval?: 'auto' | 'manual' } = {}): Promise<{ root: string; environmentsDir: string; releasesDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-deploy-'));
  await writeFile(join(root, 'package-lock.json'), '{}');
  for (const name of ENVIRONMENTS) {
    const strategy = name === 'production' ? 'blue-green' : 'replace';
    await writeJsonAtomic(join(root, 'environments', name, 'environment.json'), { name, port: await freePort(), strategy, readyTimeoutSeconds: 10, postDeploySeconds: 1 });
  }
  await writeJsonAtomic(join(root, 'environments', 'production', 'promotion.json'), { from: 'staging', approval: o.approval ?? 'auto', note: 'tests' });
  return { root, environmentsDir: join(root, 'environments'), releasesDir: join(root, 'releases') };
}
