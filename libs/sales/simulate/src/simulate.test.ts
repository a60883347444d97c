import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = findWorkspaceRoot(import.meta.dirname);
let out: string;
let run: { code: number; stdout: string; stderr: string };

const daySchema = z.object({
  day: z.number(),
  modelVersion: z.string(),
  status: z.enum(['ok', 'alert', 'insufficient-data']),
  alerts: z.array(z.string()),
  release: z.object({ id: z.string(), modelVersion: z.string() }).optional(),
  refused: z.string().optional(),
});
const resultSchema = z.object({
  detectedDay: z.number().optional(),
  recoveredDay: z.number().optional(),
  retrainDays: z.array(z.number()),
  days: z.array(daySchema),
});

// The whole loop, as `npm run simulate` (sales-web:simulate) runs it with its defaults: the
// platform's simulation with this lib's definition, a real app on a free port, the pipeline's real
// stages, the deploy lib's blue/green switch. About 40 s on 2 idle cores.
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'cd4ml-simulate-'));
  const cli = fileURLToPath(import.meta.resolve('@cd4ml/operations/cli'));
  // The user's port variables must not move the simulation (it picks a free port of its own).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CD4ML_')));
  run = await new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, 'simulate', '--app', 'sales-web', '--out', out], { cwd: root, maxBuffer: 1 << 26, env: { ...env, FORCE_COLOR: '0' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}, 600_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('npm run simulate (a promotion regime from day 7)', () => {
  it('detects the change, refuses retrains the gates find biased, then releases one, and the live error recovers', async () => {
    expect(run.code, run.stderr + run.stdout.slice(-3000)).toBe(0);
    const r = resultSchema.parse(JSON.parse(await readFile(join(out, 'simulation.json'), 'utf8')));
    const changeDay = 7;
    // Quiet before the change: every judged day before it is ok.
    const before = r.days.filter((d) => d.day < changeDay && d.status !== 'insufficient-data');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((d) => d.status === 'ok')).toBe(true);
    // Detected after the change, naming the promotion flag's drift at some point.
    expect(r.detectedDay).toBeGreaterThanOrEqual(changeDay);
    expect(r.days.flatMap((d) => d.alerts).some((a) => a.startsWith('feature onpromotion psi'))).toBe(true);
    // Retrained from the fed-back actuals: the first attempts refused by a gate, the old release serving on.
    const attempts = r.days.filter((d) => d.release ?? d.refused);
    const firstRelease = attempts.findIndex((d) => d.release);
    expect(firstRelease).toBeGreaterThan(0);
    for (const refused of attempts.slice(0, firstRelease)) expect(refused.refused).toMatch(/gates? failed/);
    const fix = attempts[firstRelease]!;
    expect(r.days.find((d) => d.day === fix.day + 1)!.modelVersion).toBe(fix.release!.modelVersion);
    // Recovered: the released model, judged over a whole window of the changed world, with no alert.
    expect(r.recoveredDay).toBeGreaterThan(fix.day);
    expect(r.days.find((d) => d.day === r.recoveredDay)!.modelVersion).toBe(fix.release!.modelVersion);
    expect(run.stdout).toMatch(new RegExp(`detected on day ${r.detectedDay}; recovered on day ${r.recoveredDay};`));
    const html = await readFile(join(out, 'simulation.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(`released ${fix.release!.id}`);
    expect(html).toMatch(/refused: /);
  });
});
