import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { MONITOR_HTML_FILE, MONITOR_REPORT_FILE, monitorReportSchema } from '@cd4ml/monitoring';
import { writeToyFiles } from '@cd4ml/monitoring/testing';
import { predictionLineSchema } from '@cd4ml/serving';
import { describe, expect, it } from 'vitest';

const root = findWorkspaceRoot(import.meta.dirname);
const cli = join(root, 'libs/cd4ml/operations/src/cli.ts');
const definition = join(root, 'libs/cd4ml/operations/src/test-support/toy-monitor.ts');

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, 'monitor', ...args], { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

async function files(change?: Parameters<typeof writeToyFiles>[2]) {
  const dir = await mkdtemp(join(tmpdir(), 'monitor-cli-'));
  const f = await writeToyFiles(dir, 11, change);
  const out = join(dir, 'reports');
  return { dir, out, settings: f.settings, args: ['--model', f.model, '--predictions', f.predictions, '--actuals', f.actuals, '--definition', definition, '--settings', f.settings, '--out', out] };
}

describe('the monitor CLI', () => {
  it('exits 0 on unshifted traffic and writes both reports', async () => {
    const { out, args } = await files();
    const r = await run(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/monitor: model toy001, window 2020-07-08\.\.2020-07-14: ok/);
    const report = monitorReportSchema.parse(JSON.parse(await readFile(join(out, MONITOR_REPORT_FILE), 'utf8')));
    expect(report.inputs).toMatchObject({ predictions: 840, actuals: 840, joined: 840, unforecast: 0 });
    const html = await readFile(join(out, MONITOR_HTML_FILE), 'utf8');
    expect(html).toContain('Live error over time');
    expect(html).toContain('<svg');
  });

  it('exits 1 on an injected shift, naming the feature, the figure and the bar, and recommending retraining', async () => {
    const { args } = await files({ warmer: 8, demand: 1.8 });
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: \d+ monitoring alert\(s\) for model toy001:/);
    expect(r.stderr).toMatch(/- feature temperature: PSI [\d.]+ over 2020-07-08\.\.2020-07-14 \(420 forecasts\) is above the bar 0\.2/);
    expect(r.stderr).toMatch(/- overall: mean log bias -[\d.]+ .* is beyond ±0\.2: the model systematically under-forecasts\. Retrain: npm run pipeline/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("leaves the smoke test's replayed forecasts out: the same lines as real traffic would alarm", async () => {
    const { dir, out, args } = await files();
    const predictions = join(dir, 'predictions.jsonl');
    const last = predictionLineSchema.parse(JSON.parse((await readFile(predictions, 'utf8')).trim().split('\n').at(-1)!));
    // 600 forecasts of one row with every feature far outside the profile: drift on every feature.
    const replay = (requestId: string) =>
      Array.from({ length: 600 }, () => `${JSON.stringify({ ...last, requestId, features: last.features.map((f) => f * 10 + 50) })}\n`).join('');
    await appendFile(predictions, replay('smoke-0a1b2c3d-0'));
    const quiet = await run(args);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/600 smoke-test forecasts left out/);
    expect(monitorReportSchema.parse(JSON.parse(await readFile(join(out, MONITOR_REPORT_FILE), 'utf8'))).inputs).toMatchObject({ predictions: 840, smokeTest: 600 });
    await appendFile(predictions, replay('a-real-client'));
    const loud = await run(args);
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/PSI/);
  });

  it('explains a missing profile, a missing model, a missing choice of model and broken settings in one plain line', async () => {
    const { dir, args, settings } = await files();
    const noChoice = await run(args.slice(2));
    expect(noChoice.code).toBe(1);
    expect(noChoice.stderr).toBe('error: give the model to monitor: either --model <dir> or --env <environment folder>\n');
    const missing = await run(['--model', join(dir, 'nope'), ...args.slice(2)]);
    expect(missing.stderr).toMatch(/^error: no model in .*nope \(no manifest\.json\)/);
    await writeToyFiles(join(dir, 'old'), 11, undefined, { profile: false });
    const noProfile = await run(['--model', join(dir, 'old', 'model'), ...args.slice(2)]);
    expect(noProfile.stderr).toMatch(/^error: model toy001 in .*old\/model has no profile\.json: it was trained before models carried a reference profile\. Retrain it/);
    await writeFile(settings, 'windowDays: 0\n');
    const badSettings = await run(args);
    expect(badSettings.code).toBe(1);
    expect(badSettings.stderr).toMatch(/monitoring\.yaml is not a valid monitoring settings file/);
    expect(badSettings.stderr).toMatch(/windowDays/);
    const noDefinition = await run(args.map((a) => (a === definition ? '@cd4ml/no-such-domain/monitor' : a)));
    expect(noDefinition.stderr).toMatch(/^error: cannot find the module @cd4ml\/no-such-domain\/monitor from .*A declaration names a package's export/);
    const notADefinition = await run(args.map((a) => (a === definition ? join(root, 'libs/cd4ml/operations/src/load-definition.ts') : a)));
    expect(notADefinition.stderr).toMatch(/has no export "monitor" that is a MonitorDefinition of @cd4ml\/monitoring \(defineMonitor\(\{ spec, domain \}\)\) \(it exports: hasKeys, loadDefinition\)/);
  });

  it('has --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: cd4ml-operations monitor \[options\]/);
    expect(r.stdout).toMatch(/--actuals-csv <paths\.\.\.>/);
  });
});
