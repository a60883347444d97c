import { describe, expect, it } from 'vitest';
import { joinActuals } from '../log/join-actuals.ts';
import { toyDomain, toyModel, toySettings, toyTraffic, type ToyChange } from '../test-support/toy-traffic.ts';
import { monitorReportSchema, notJudgedReason } from './monitor-report.ts';
import { runMonitor } from './run-monitor.ts';

const model = toyModel();
const sources = { predictionFiles: [], actualsFiles: [], actuals: 0, unforecast: 0, skipped: [] };

function monitor(seed: number, o: { change?: ToyChange; changeDay?: number; days?: number } = {}) {
  const traffic = toyTraffic(seed, o.days ?? 14, o);
  const { rows } = joinActuals(traffic.predictions, traffic.actuals);
  return runMonitor({ domain: toyDomain, settings: toySettings, model, predictions: traffic.predictions, joined: rows, sources, generatedAt: '2020-08-01T00:00:00.000Z' });
}

describe('runMonitor', () => {
  it('stays quiet on unshifted traffic, with every figure under its bar', () => {
    const r = monitor(2);
    expect(r.alerts).toEqual([]);
    expect(r.status).toBe('ok');
    expect(r.window).toEqual({ from: '2020-07-08', to: '2020-07-14' });
    expect(r.drift).toMatchObject({ rows: 420, judged: true });
    for (const f of r.drift.features) expect(f.psi, f.name).toBeLessThan(toySettings.drift.maxPsi);
    expect(r.accuracy.judged).toBe(true);
    expect(Math.abs(r.accuracy.metrics!['bias']!)).toBeLessThan(0.05);
    expect(monitorReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('catches a feature shift: names the feature and the predictions, the statistic, the figure and the bar', () => {
    const r = monitor(3, { change: { warmer: 6 }, changeDay: 4 });
    expect(r.status).toBe('alert');
    const subjects = r.alerts.map((a) => `${a.kind} ${a.subject} ${a.statistic}`);
    expect(subjects).toEqual(expect.arrayContaining(['drift feature temperature psi', 'drift feature temperature ks', 'drift prediction rentals ks']));
    const psi = r.alerts.find((a) => a.subject === 'feature temperature' && a.statistic === 'psi')!;
    expect(psi.figure).toBeGreaterThan(0.2);
    expect(psi.bar).toBe(0.2);
    expect(psi.message).toMatch(/^feature temperature: PSI [\d.]+ over 2020-07-08\.\.2020-07-14 \(420 forecasts\) is above the bar 0\.2: .* Retrain: npm run pipeline$/);
    // Predictions follow the inputs, so the live error stays where it was: no accuracy alert.
    expect(r.alerts.filter((a) => a.kind === 'accuracy')).toEqual([]);
  });

  it("keeps the predictions' drift from alarming when the settings name the prediction in ignore, and still reports it", () => {
    const traffic = toyTraffic(3, 14, { change: { warmer: 6 }, changeDay: 4 });
    const { rows } = joinActuals(traffic.predictions, traffic.actuals);
    const settings = { ...toySettings, drift: { ...toySettings.drift, ignore: ['temperature', 'rentals'] } };
    const r = runMonitor({ domain: toyDomain, settings, model, predictions: traffic.predictions, joined: rows, sources });
    expect(r.alerts.filter((a) => a.kind === 'drift')).toEqual([]);
    expect(r.drift.prediction?.ks).toBeGreaterThan(toySettings.drift.maxKs);
    expect(r.drift.features.map((f) => f.name)).not.toContain('temperature');
  });

  it('catches categories the model never saw (PSI of the station code)', () => {
    const r = monitor(4, { change: { newStations: 1 } });
    expect(r.alerts.map((a) => a.subject)).toContain('feature station');
  });

  it('catches a demand shift the inputs do not show, overall and per slice, with the direction of the bias', () => {
    const r = monitor(5, { change: { demand: 1.6 }, changeDay: 3 });
    expect(r.alerts.filter((a) => a.kind === 'drift')).toEqual([]);
    const overall = r.alerts.filter((a) => a.subject === 'overall').map((a) => a.statistic);
    expect(overall.sort()).toEqual(['bias', 'wrmsle']);
    const bias = r.alerts.find((a) => a.subject === 'overall' && a.statistic === 'bias')!;
    expect(bias.figure).toBeLessThan(-0.2);
    expect(bias.message).toMatch(/systematically under-forecasts/);
    const error = r.alerts.find((a) => a.statistic === 'wrmsle')!;
    expect(error.bar).toBeCloseTo(model.validation['wrmsle']! * 1.3, 3);
    expect(error.message).toMatch(/WRMSLE [\d.]+ over .* is above the bar [\d.]+ \(1\.3 × the validation figure [\d.]+\)/);
    expect(r.alerts.map((a) => a.subject)).toContain('slice weekend=weekend');
  });

  it('judges nothing on a window under minRows, and says so instead of alarming', () => {
    const r = monitor(6, { days: 4, change: { demand: 2, warmer: 10 } });
    expect(r.drift).toMatchObject({ rows: 240, judged: false });
    expect(r.status).toBe('insufficient-data');
    expect(r.alerts).toEqual([]);
  });

  it('judges a model once it has served the whole window: a part week after a deploy is reported, not alarmed', () => {
    const traffic = toyTraffic(6, 4, { change: { demand: 2, warmer: 10 } });
    const { rows } = joinActuals(traffic.predictions, traffic.actuals);
    const settings = { ...toySettings, minRows: 100 };
    const r = runMonitor({ domain: toyDomain, settings, model, predictions: traffic.predictions, joined: rows, sources });
    expect(r.servedSince).toBe('2020-07-01');
    expect(r.window).toEqual({ from: '2020-06-28', to: '2020-07-04' });
    expect(r.drift).toMatchObject({ rows: 240, judged: false });
    expect(r.accuracy).toMatchObject({ rows: 240, judged: false });
    expect(r.status).toBe('insufficient-data');
    expect(r.alerts).toEqual([]);
    expect(notJudgedReason(r, r.drift)).toBe('the model has served only since 2020-07-01, not the whole window');
    // The same traffic over a whole window is judged, and alarms.
    const week = toyTraffic(6, 7, { change: { demand: 2, warmer: 10 } });
    const full = runMonitor({ domain: toyDomain, settings, model, predictions: week.predictions, joined: joinActuals(week.predictions, week.actuals).rows, sources });
    expect(full.drift.judged).toBe(true);
    expect(full.status).toBe('alert');
  });

  it('keeps an earlier model version out of drift and accuracy, and in the daily series', () => {
    const old = toyTraffic(7, 14, { modelVersion: 'old999', change: { demand: 2 } });
    const now = toyTraffic(8, 14);
    const predictions = [...old.predictions.map((p) => ({ ...p, time: p.time.replace('2020', '2019') })), ...now.predictions];
    const { rows } = joinActuals(predictions, now.actuals);
    const r = runMonitor({ domain: toyDomain, settings: toySettings, model, predictions, joined: rows, sources });
    expect(r.inputs.otherVersions).toEqual({ old999: 840 });
    expect(r.alerts).toEqual([]);
    expect(new Set(r.series.daily.map((d) => d.modelVersion))).toEqual(new Set(['toy001']));
    expect(r.series.drift).toHaveLength(14);
  });
});
