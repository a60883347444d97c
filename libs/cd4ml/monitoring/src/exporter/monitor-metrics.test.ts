import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinActuals } from '../log/join-actuals.ts';
import { runMonitor } from '../monitor/run-monitor.ts';
import { toyDomain, toyModel, toySettings, toyTraffic } from '../test-support/toy-traffic.ts';
import { monitorMetrics } from './monitor-metrics.ts';

const model = toyModel();
function report(change?: { demand: number }) {
  const t = toyTraffic(21, 14, change ? { change, changeDay: 2 } : {});
  return runMonitor({ domain: toyDomain, settings: toySettings, model, predictions: t.predictions, joined: joinActuals(t.predictions, t.actuals).rows, sources: { predictionFiles: [], actualsFiles: [], actuals: 0, unforecast: 0, skipped: [] }, generatedAt: '2020-08-01T00:00:00.000Z' });
}
const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);

describe('monitorMetrics', () => {
  it('serves the latest report as gauges, re-read at every scrape, with the bars', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'exporter-')), 'monitor-report.json');
    const metrics = monitorMetrics(path);
    expect(await metrics.scrape()).toMatch(/^cd4ml_monitor_report_up 0$/m);

    await writeFile(path, JSON.stringify(report()));
    const quiet = await metrics.scrape();
    expect(value(quiet, 'cd4ml_monitor_report_up')).toBe(1);
    expect(value(quiet, 'cd4ml_monitor_alerts{model="toy-rentals",model_version="toy001",kind="accuracy"}')).toBe(0);
    expect(value(quiet, 'cd4ml_monitor_drift_psi{model="toy-rentals",model_version="toy001",column="temperature"}')).toBeLessThan(0.2);
    expect(value(quiet, 'cd4ml_monitor_bar{model="toy-rentals",statistic="psi"}')).toBe(0.2);
    expect(value(quiet, 'cd4ml_monitor_bar{model="toy-rentals",statistic="error"}')).toBeCloseTo(model.validation['wrmsle']! * 1.3, 3);
    expect(value(quiet, 'cd4ml_monitor_report_timestamp_seconds')).toBe(Date.parse('2020-08-01T00:00:00.000Z') / 1000);

    await writeFile(path, JSON.stringify(report({ demand: 1.7 })));
    const shifted = await metrics.scrape();
    expect(value(shifted, 'cd4ml_monitor_alerts{model="toy-rentals",model_version="toy001",kind="accuracy"}')).toBeGreaterThan(0);
    expect(value(shifted, 'cd4ml_monitor_live_error{model="toy-rentals",model_version="toy001",slice="overall",metric="bias"}')).toBeLessThan(-0.2);
    expect(shifted).toMatch(/cd4ml_monitor_live_error\{[^}]*slice="weekend=weekend",metric="primary"\}/);

    await writeFile(path, '{"reportVersion": 99}');
    const broken = await metrics.scrape();
    expect(value(broken, 'cd4ml_monitor_report_up')).toBe(0);
    expect(broken).not.toMatch(/^cd4ml_monitor_drift_psi\{/m);
  });
});
