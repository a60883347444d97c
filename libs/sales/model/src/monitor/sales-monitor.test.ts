import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readJsonFile } from '@cd4ml/fs';
import { MONITOR_REPORT_FILE, monitorReportSchema } from '@cd4ml/monitoring';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { committedMonitoring, committedParams, fixtureCopy, settingsWith, workspaceRoot } from '../test-support/fixture-data.ts';
import { trainSalesModel } from '../train/train-sales-model.ts';
import { replayTraffic, type TrafficShift } from './replay-traffic.ts';

const run = promisify(execFile);
let work: string;
let processed: string;
let model: string;
let settings: string;
/** The platform's stage command line (what sales-web:monitor runs), found through the package's exports. */
const operationsCli = fileURLToPath(import.meta.resolve('@cd4ml/operations/cli'));

beforeAll(async () => {
  ({ work, processed } = await fixtureCopy(inject('fixtureWork')));
  model = join(work, 'model');
  await trainSalesModel({ dataDir: processed, paramsPath: committedParams, outDir: model });
  // The fixture has 25 items in one store: 175 forecasts a week, so the window's minimum is test-sized.
  settings = await settingsWith(committedMonitoring, join(work, 'monitoring.yaml'), [
    ['minRows: 500', 'minRows: 150'],
    ['sliceMinRows: 300', 'sliceMinRows: 60'],
  ]);
});

/** Replays a week of validation traffic (with a shift), then runs the monitor CLI as the stage does. */
async function monitor(name: string, shift?: TrafficShift): Promise<{ code: number; out: string; report: ReturnType<typeof monitorReportSchema.parse> }> {
  const traffic = await replayTraffic({ modelDir: model, dataDir: processed, days: 7, out: join(work, name), ...(shift ? { shift } : {}) });
  const out = join(work, name, 'report');
  const args = ['--import', 'tsx', operationsCli, 'monitor', '--definition', '@cd4ml/sales-model/monitor', '--settings', settings, '--model', model, '--predictions', traffic.predictions, '--actuals', traffic.actuals, '--out', out];
  const result = await run(process.execPath, args, { cwd: workspaceRoot }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  return { ...result, report: await readJsonFile(join(out, MONITOR_REPORT_FILE), monitorReportSchema) };
}

describe('the sales monitor on replayed traffic (real log files, the real readers and the platform CLI with the sales definition)', () => {

  it('stays quiet on unshifted traffic: the week after training, as it happened', async () => {
    const r = await monitor('quiet');
    expect(r.out).not.toMatch(/alert/i);
    expect(r.code).toBe(0);
    expect(r.report.status).toBe('ok');
    expect(r.report.drift.judged && r.report.accuracy.judged).toBe(true);
    expect(r.report.inputs.joined).toBe(r.report.inputs.predictions);
  });

  it('catches a demand shift the inputs do not show, naming the bias, the figure and the bar, and says how to retrain', async () => {
    const r = await monitor('demand', { demand: 2.5 });
    expect(r.code).toBe(1);
    expect(r.report.status).toBe('alert');
    const bias = r.report.alerts.find((a) => a.subject === 'overall' && a.statistic === 'bias');
    expect(bias?.figure).toBeLessThan(-r.report.settings.accuracy.maxAbsBias);
    expect(r.out).toContain(`beyond ±${r.report.settings.accuracy.maxAbsBias}`);
    expect(r.out).toContain('npx nx run sales-web:feedback');
    expect(r.out).not.toMatch(/\n\s+at /); // a verdict, never a stack trace
  });

  it('catches a promotion regime in the inputs: onpromotion drifts past the PSI bar', async () => {
    const r = await monitor('promotion', { promotionShare: 0.7 });
    expect(r.code).toBe(1);
    const psi = r.report.alerts.find((a) => a.subject.includes('onpromotion') && a.statistic === 'psi');
    expect(psi?.figure).toBeGreaterThan(r.report.settings.drift.maxPsi);
    expect(r.out).toMatch(/onpromotion: PSI [\d.]+ .* above the bar 0\.2/);
  });
});
