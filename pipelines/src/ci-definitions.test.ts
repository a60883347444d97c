import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { source } from './workspace-copy.ts';

// The CI definitions call Nx targets only; pipelines/pipeline.json is the single source of the
// stage order. Both files are parsed, every command they run is read, and each Nx target named
// must exist in the workspace's project graph.
const graphSchema = z.object({ graph: z.object({ nodes: z.record(z.string(), z.object({ data: z.object({ targets: z.record(z.string(), z.unknown()) }) })) }) });
let targets: Map<string, Set<string>>;
let stages: string[];

beforeAll(async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'cd4ml-graph-')), 'graph.json');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  await promisify(execFile)(process.execPath, [join(source, 'node_modules/nx/bin/nx.js'), 'graph', `--file=${file}`], { cwd: source, env: { ...env, NX_DAEMON: 'false' } });
  const graph = graphSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  targets = new Map(Object.entries(graph.graph.nodes).map(([name, node]) => [name, new Set(Object.keys(node.data.targets))]));
  stages = z.object({ stages: z.array(z.string()) }).parse(JSON.parse(await readFile(join(source, 'pipelines/pipeline.json'), 'utf8'))).stages;
}, 60_000);

/** Every shell command of a GitHub workflow, job by job, in order. */
function githubCommands(doc: unknown): { job: string; command: string }[] {
  const wf = z.object({ jobs: z.record(z.string(), z.object({ steps: z.array(z.object({ run: z.string().optional() }).loose()) }).loose()) }).parse(doc);
  return Object.entries(wf.jobs).flatMap(([job, j]) => j.steps.flatMap((s) => (s.run ? [{ job, command: s.run }] : [])));
}

/** Every exec task of GoCD pipelines, in order, as one command line. */
function gocdCommands(doc: unknown): { job: string; command: string }[] {
  const task = z.object({ exec: z.object({ command: z.string(), arguments: z.array(z.string()).default([]) }).optional() }).loose();
  const stage = z.record(z.string(), z.object({ jobs: z.record(z.string(), z.object({ tasks: z.array(task) }).loose()) }).loose());
  const config = z.object({ format_version: z.literal(10), pipelines: z.record(z.string(), z.object({ stages: z.array(stage) }).loose()) }).parse(doc);
  return Object.entries(config.pipelines).flatMap(([pipeline, p]) =>
    p.stages.flatMap((s) => Object.values(s).flatMap((st) => Object.entries(st.jobs).flatMap(([job, j]) => j.tasks.flatMap((t) => (t.exec ? [{ job: `${pipeline}/${job}`, command: [t.exec.command, ...t.exec.arguments].join(' ') }] : []))))),
  );
}

/** The Nx targets a command names: `nx run p:t`, and the targets of `nx affected|run-many -t a b`. */
function nxTargets(command: string): { runs: string[]; many: string[] } {
  const runs = [...command.matchAll(/\bnx run ([\w@/-]+:[\w-]+)/g)].map((m) => m[1]!);
  const many = [...command.matchAll(/\bnx (?:affected|run-many)\b.*?(?:-t|--targets?)[ =]([\w-]+(?:[ ,][\w-]+)*)/g)].flatMap((m) => {
    const words = m[1]!.split(/[ ,]/);
    const flag = words.findIndex((w) => w.startsWith('-'));
    return flag < 0 ? words : words.slice(0, flag);
  });
  return { runs, many };
}

const files = [
  ['pipelines/github/ci.yml', githubCommands],
  ['pipelines/gocd/cd4ml.gocd.yaml', gocdCommands],
] as const;

describe.each(files)('%s', (file, commandsOf) => {
  let commands: { job: string; command: string }[];
  beforeAll(async () => {
    commands = commandsOf(parse(await readFile(join(source, file), 'utf8'), { merge: true }));
  });

  it('calls only Nx targets that exist in the workspace', () => {
    const named = commands.flatMap((c) => nxTargets(c.command));
    const missing = [
      ...named.flatMap((n) => n.runs).filter((ref) => !targets.get(ref.split(':')[0]!)?.has(ref.split(':')[1]!)),
      ...named.flatMap((n) => n.many).filter((t) => ![...targets.values()].some((set) => set.has(t))),
    ];
    expect(named.flatMap((n) => n.runs).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('runs the stages of pipelines/pipeline.json, every one, in its order', () => {
    const order = commands.flatMap((c) => nxTargets(c.command).runs).filter((ref) => stages.includes(ref));
    // A fresh agent may take a release through staging again before production: first calls count.
    expect([...new Set(order)]).toEqual(stages);
  });
});

describe('the orchestrators', () => {
  it('GitHub runs what a pull request affects, the full chain on main, with the Nx and npm caches, Debian Chromium and the reports and release uploaded', async () => {
    const text = await readFile(join(source, 'pipelines/github/ci.yml'), 'utf8');
    const wf = z.object({ jobs: z.record(z.string(), z.object({ if: z.string().optional(), environment: z.string().optional(), steps: z.array(z.object({ uses: z.string().optional(), with: z.record(z.string(), z.unknown()).optional() }).loose()) }).loose()) }).parse(parse(text));
    expect(githubCommands(parse(text)).filter((c) => c.command.includes('nx affected')).map((c) => c.job)).toEqual(['affected']);
    expect(wf.jobs['affected']!.if).toMatch(/pull_request/);
    const uses = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(uses.filter((s) => s.uses?.startsWith('actions/cache')).map((s) => s.with?.['path'])).toContain('.nx/cache');
    expect(uses.filter((s) => s.uses?.startsWith('actions/setup-node')).every((s) => s.with?.['cache'] === 'npm')).toBe(true);
    expect(text).toMatch(/apt-get install -y --no-install-recommends chromium/);
    expect(uses.filter((s) => s.uses?.startsWith('actions/upload-artifact')).map((s) => s.with?.['name'])).toEqual(['reports', 'release']);
    expect(wf.jobs['production']!.environment).toBe('production');
  });

  it('GoCD: the machine-learning pipeline is a material of the application pipeline, and production needs a manual approval', async () => {
    const doc = z.object({ pipelines: z.record(z.string(), z.object({ materials: z.record(z.string(), z.object({ pipeline: z.string().optional() }).loose()), stages: z.array(z.record(z.string(), z.object({ approval: z.object({ type: z.string() }).optional() }).loose())) })) }).parse(parse(await readFile(join(source, 'pipelines/gocd/cd4ml.gocd.yaml'), 'utf8'), { merge: true }));
    expect(Object.values(doc.pipelines['cd4ml-app']!.materials).map((m) => m.pipeline)).toContain('cd4ml-ml');
    const production = doc.pipelines['cd4ml-app']!.stages.find((s) => 'production' in s)!['production']!;
    expect(production.approval?.type).toBe('manual');
  });
});
