import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_FILE, guideSteps, SCENARIOS, type GuideStep } from '../src/guide.ts';
import { scratchClone, source, withPorts } from './_scratch.ts';

// WORKSHOP.md, executed: every scenario's bash blocks in order, in one scratch clone (one trained
// workspace shared by the scenarios), between the workshop CLI's --reset and --check.
const steps = guideSteps(readFileSync(join(source, GUIDE_FILE), 'utf8'));
const ports: Record<string, number> = {};
let dir = '';
const background: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

const env = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_') && !k.startsWith('CD4ML_'))),
  FORCE_COLOR: '0',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  PACT_DO_NOT_TRACK: 'true',
  NX_CACHE_DIRECTORY: join(dir, '.nx-cache'),
});

/** Runs a script with bash in the clone; resolves with its exit code and output. */
function sh(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd: dir, env: env() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Starts a serving block in its own process group and waits until its URL answers 200. */
async function startBackground(step: GuideStep): Promise<void> {
  const child = spawn('bash', ['-c', withPorts(step.script, ports)], { cwd: dir, env: env(), detached: true, stdio: 'ignore' });
  background.push(child);
  const url = withPorts(step.background!, ports);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${GUIDE_FILE}:${step.line}: the block exited (${child.exitCode}) before ${url} answered`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopBackground(): void {
  for (const child of background.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
}

beforeAll(async () => {
  for (const p of ['3000', '3100', '9464', '9090']) ports[p] = await freePort();
  dir = await scratchClone(ports);
}, 120_000);

afterAll(async () => {
  stopBackground();
  if (dir) {
    await sh('node --import tsx libs/cd4ml/deploy/src/cli.ts stop');
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('WORKSHOP.md, run as written', { timeout: 600_000 }, () => {
  it('has bash blocks for every scenario, each starting with its --reset and ending with its --check', () => {
    for (const s of SCENARIOS) {
      const own = steps.filter((x) => x.scenario === s);
      expect(own[0]?.script, `scenario ${s}`).toMatch(new RegExp(`^npm run workshop -- ${s} --reset`));
      expect(own.at(-1)?.script, `scenario ${s}`).toMatch(new RegExp(`npm run workshop -- ${s} --check$`));
    }
  });

  it.each(SCENARIOS)('scenario %i: --check fails on the start state naming what is missing, the steps pass, then --check passes', async (scenario) => {
    const own = steps.filter((x) => x.scenario === scenario);
    const [reset, ...rest] = own;
    const resetScript = reset!.script.split('\n')[0]!;
    const r = await sh(resetScript);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    expect(r.out).toMatch(new RegExp(`at the start of scenario ${scenario}`));
    const before = await sh(`npm run --silent workshop -- ${scenario} --check`);
    expect(before.code, before.out).toBe(1);
    expect(before.out).toMatch(new RegExp(`scenario ${scenario} is not done yet:\\n {2}- \\S`));
    try {
      for (const step of [{ ...reset!, script: reset!.script.split('\n').slice(1).join('\n') }, ...rest]) {
        if (step.background) {
          await startBackground(step);
          continue;
        }
        if (!step.script.trim()) continue;
        const result = await sh(withPorts(step.script, ports));
        const where = `${GUIDE_FILE}:${step.line}, exit ${result.code}:\n${result.out.slice(-4000)}`;
        expect(result.code, where).toBe(step.exit);
        for (const pattern of step.expect) expect(result.out, where).toMatch(new RegExp(withPorts(pattern.source, ports), 'm'));
      }
    } finally {
      stopBackground();
    }
    const after = await sh(`npm run --silent workshop -- ${scenario} --check`);
    expect(after.code, after.out).toBe(0);
  });
});
