import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { loadWorkspaceProjects } from '@cd4ml/pipeline';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { source } from './workspace-copy.ts';

// No Docker engine or cluster runs here: the Dockerfile and the Kubernetes manifests are checked
// statically against the workspace: the files and ports they name exist, the probes are real
// routes of the app, and the manifests match the Kubernetes schema (kubernetes-models, offline).

interface Instruction {
  op: string;
  args: string;
  stage: number;
}
let docker: Instruction[];
let appRoutes: string[];

/** The Dockerfile's instructions, continuation lines joined, comments dropped, each with its stage. */
function instructions(text: string): Instruction[] {
  let stage = -1;
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.trim().split(/\s+/);
      if (op!.toUpperCase() === 'FROM') stage++;
      return { op: op!.toUpperCase(), args: rest.join(' '), stage };
    });
}

/** The paths answered at top level (`app.get('/x', ...)` or the serving foundation's `router.get('/x', ...)`) in these folders' source. */
async function routesOf(...dirs: string[]): Promise<string[]> {
  const routes: string[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of files) for (const m of (await readFile(join(dir, f), 'utf8')).matchAll(/\b(?:app|router)\.get\(\s*'(\/[^']*)'/g)) routes.push(m[1]!);
  }
  return routes;
}

beforeAll(async () => {
  docker = instructions(await readFile(join(source, 'Dockerfile'), 'utf8'));
  // The app's own routes, and /health and /ready, which every app gets from @cd4ml/serving.
  appRoutes = await routesOf(join(source, 'apps/sales-web/src'), join(source, 'libs/cd4ml/serving/src/readiness'));
});

const exposed = () => Number(docker.find((i) => i.op === 'EXPOSE')!.args);
const finalStage = () => docker.reduce((m, i) => Math.max(m, i.stage), 0);
const cmd = () => z.array(z.string()).parse(JSON.parse(docker.filter((i) => i.op === 'CMD').at(-1)!.args));

describe('the Dockerfile', () => {
  it('is multi-stage: every COPY --from names an earlier stage, and the files copied from the context exist and are not ignored', async () => {
    const stages = docker.filter((i) => i.op === 'FROM').map((i) => /\bAS\s+(\S+)/i.exec(i.args)?.[1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const copy of docker.filter((i) => i.op === 'COPY')) {
      const from = /--from=(\S+)/.exec(copy.args)?.[1];
      if (from) expect(stages.slice(0, copy.stage)).toContain(from);
      else {
        const paths = copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1);
        for (const p of paths) expect(existsSync(join(source, p)), `${p} (COPY)`).toBe(true);
      }
    }
    const ignored = (await readFile(join(source, '.dockerignore'), 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
    for (const needed of ['package.json', 'package-lock.json', '.npmrc', '.git', 'libs', 'apps']) expect(ignored).not.toContain(needed);
  });

  it('bakes in the release the package stage writes, and runs it as a non-root user with a health check on a real route', () => {
    // The package stage is inferred from the app's release declaration: its output is where the plugin says.
    const packageOut = loadWorkspaceProjects(source).get('sales-web')?.config?.stages['package']?.out;
    const run = docker.filter((i) => i.op === 'RUN' && i.stage === 0).map((i) => i.args).join('\n');
    expect(run).toMatch(/nx run sales-web:package/);
    expect(packageOut).toBe('dist/release/sales-web');
    expect(run).toContain(`${packageOut!}/release.json`);
    const user = docker.filter((i) => i.op === 'USER' && i.stage === finalStage()).at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const health = docker.find((i) => i.op === 'HEALTHCHECK')!.args;
    const url = /http:\/\/127\.0\.0\.1:(\d+)(\/\w+)/.exec(health)!;
    expect(Number(url[1])).toBe(exposed());
    expect(appRoutes).toContain(url[2]);
  });

  it("starts what the app's build and the release put in /app: its entry, its model, on the exposed port", async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'cd4ml-image-')), 'build');
    // The build stage's own command line (inferred from apps/sales-web/cd4ml.json).
    await promisify(execFile)(process.execPath, ['--import', 'tsx', join(source, 'libs/cd4ml/deploy/src/cli.ts'), 'build', '--project', 'apps/sales-web', '--name', 'sales-web', '--out', out], { cwd: source });
    const app = z.object({ start: z.array(z.string()) }).parse(JSON.parse(await readFile(join(out, 'app.json'), 'utf8')));
    const [node, entry, ...args] = cmd();
    expect(node).toBe('node');
    expect(`{release}/${entry}`).toBe(app.start[0]);
    expect(existsSync(join(out, entry!))).toBe(true);
    expect(args[args.indexOf('--model') + 1]).toBe('model'); // a release's model folder (release.json: model.dir)
    expect(Number(args[args.indexOf('--port') + 1])).toBe(exposed());
    expect(app.start).toContain('--model');
  });
});

const byKindOf = (d: Deployment) => ({ apiVersion: d.apiVersion, kind: d.kind, metadata: d.metadata });

describe('the Kubernetes manifests in deploy/k8s', () => {
  const manifests = async () => {
    const dir = join(source, 'deploy/k8s');
    const kustomization = z.object({ resources: z.array(z.string()) }).parse(parse(await readFile(join(dir, 'kustomization.yaml'), 'utf8')));
    const docs: Record<string, unknown>[] = [];
    for (const file of kustomization.resources) {
      expect(existsSync(join(dir, file)), `${file} (kustomization.yaml)`).toBe(true);
      for (const doc of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) docs.push(doc.toJS() as Record<string, unknown>);
    }
    const byKind = (kind: string) => docs.find((d) => d['kind'] === kind)!;
    return { deployment: new Deployment(byKind('Deployment')), service: new Service(byKind('Service')), pdb: new PodDisruptionBudget(byKind('PodDisruptionBudget')) };
  };

  it('match the Kubernetes schema', async () => {
    const m = await manifests();
    expect(() => m.deployment.validate()).not.toThrow();
    expect(() => m.service.validate()).not.toThrow();
    expect(() => m.pdb.validate()).not.toThrow();
    // The validator is not vacuous: a replica count given as text is refused.
    const bad = new Deployment({ ...byKindOf(m.deployment), spec: { ...m.deployment.spec!, replicas: 'two' as unknown as number } });
    expect(() => bad.validate()).toThrow(/replicas/);
  });

  it('probe real routes of the app on the port the image exposes, with resources, as a non-root user; the Service and the budget select its pods', async () => {
    const { deployment, service, pdb } = await manifests();
    const pod = deployment.spec!.template;
    const labels = pod.metadata!.labels!;
    const [container] = pod.spec!.containers;
    const http = container!.ports!.find((p) => p.name === 'http')!;
    expect(http.containerPort).toBe(exposed());
    expect(container!.readinessProbe?.httpGet?.path).toBe('/ready');
    expect(container!.livenessProbe?.httpGet?.path).toBe('/health');
    for (const probe of [container!.readinessProbe, container!.livenessProbe, container!.startupProbe]) expect(appRoutes).toContain(probe?.httpGet?.path);
    expect(container!.resources).toMatchObject({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { cpu: expect.any(String), memory: expect.any(String) } });
    expect(pod.spec!.securityContext?.runAsNonRoot).toBe(true);
    for (const selector of [deployment.spec!.selector.matchLabels!, service.spec!.selector!, pdb.spec!.selector!.matchLabels!]) expect(labels).toMatchObject(selector);
    expect(service.spec!.ports![0]!.targetPort).toBe(http.name);
    expect(container!.image).toMatch(/^cd4ml\/sales-web:/);
  });
});
