import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorReportSchema } from '@cd4ml/monitoring';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { workspaceRoot } from './build-fixture-model.ts';
import { driftedMonitorReport } from './drifted-monitor-report.ts';
import { lineOf } from './line-of.ts';
import { startPrometheus, type RunningPrometheus, type Sample } from './prometheus-server.ts';
import { metricsOf } from './promql-metrics.ts';

// Debian's prometheus scrapes the real server process and the monitor's exporter on loopback, with
// deploy/prometheus/prometheus.yml and alerts.yml (only the targets and intervals replaced), and
// the test reads what arrived through Prometheus's HTTP API.
const prometheusDir = join(workspaceRoot, 'deploy/prometheus');
const configSchema = z.object({
  global: z.object({ scrape_interval: z.string(), evaluation_interval: z.string() }).loose(),
  rule_files: z.array(z.string()),
  scrape_configs: z.array(z.object({ job_name: z.string(), static_configs: z.array(z.object({ targets: z.array(z.string()) })) }).loose()),
});
const rulesSchema = z.object({ groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ alert: z.string(), expr: z.string() }).loose()) })) });
const dashboardSchema = z.object({ panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() }).loose()).optional() }).loose()) });
const alertsSchema = z.object({ alerts: z.array(z.object({ labels: z.record(z.string(), z.string()), state: z.string() }).loose()) });
const rulesApiSchema = z.object({ groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ name: z.string(), health: z.string(), lastError: z.string().optional() }).loose()) })) });

/** Polls `read` until `done` holds (generous: other tests share two cores), then returns what it read. */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  for (let start = Date.now(); ; ) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: still not so after ${timeoutMs / 1000} s; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts a process and resolves with the port it says it listens on. */
async function listening(child: ChildProcess, pattern: RegExp): Promise<number> {
  const line = await lineOf(child.stdout!, pattern);
  return Number(pattern.exec(line)![1]);
}

describe('a real Prometheus scraping the app and the monitor exporter', () => {
  const fixture = inject('fixture');
  const children: ChildProcess[] = [];
  let dir: string;
  let prometheus: RunningPrometheus;
  let modelVersion: string;
  const forecasts = 5;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sales-web-prometheus-'));
    const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
    const start = (args: string[]) => {
      const child = spawn(tsx, args, { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      return child;
    };
    const app = start(['apps/sales-web/src/main.ts', '--model', fixture.model, '--port', '0', '--prediction-log', join(dir, 'predictions.jsonl'), '--actuals', join(dir, 'actuals.jsonl')]);
    const appPort = await listening(app, /listening on http:\/\/localhost:(\d+)/);
    const base = `http://127.0.0.1:${appPort}`;
    const info = z.object({ name: z.string(), modelVersion: z.string() }).parse(await (await fetch(`${base}/api/v1/model`)).json());
    modelVersion = info.modelVersion;

    const report = join(dir, 'monitor-report.json');
    await writeFile(report, JSON.stringify(monitorReportSchema.parse(driftedMonitorReport({ name: info.name, version: modelVersion }))));
    const exporter = start(['libs/cd4ml/monitoring/src/exporter/cli.ts', '--report', report, '--port', '0']);
    const exporterPort = await listening(exporter, /listening on http:\/\/127\.0\.0\.1:(\d+)/);

    for (let i = 0; i < forecasts; i++) expect((await fetch(`${base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`)).status).toBe(200);
    expect((await fetch(`${base}/api/v1/forecast?date=2017-08-16&item_nbr=1`)).status).toBe(404);

    const config = configSchema.parse(parse(await readFile(join(prometheusDir, 'prometheus.yml'), 'utf8')));
    const targets: Record<string, string> = { 'sales-web': `127.0.0.1:${appPort}`, 'cd4ml-monitor': `127.0.0.1:${exporterPort}` };
    expect(config.scrape_configs.map((s) => s.job_name).sort()).toEqual(Object.keys(targets).sort());
    config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' };
    config.rule_files = config.rule_files.map((file) => join(prometheusDir, file));
    for (const scrape of config.scrape_configs) scrape.static_configs = [{ targets: [targets[scrape.job_name]!] }];
    prometheus = await startPrometheus(stringify(config));
    await until('both targets up', () => prometheus.query('up'), (up) => up.length === 2 && up.every((s) => s.value === 1));
  }, 90_000);

  afterAll(async () => {
    await prometheus?.close();
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("scrapes the app's metrics, the model version as a label, and the request-latency histogram", async () => {
    expect(await prometheus.query('model_info{job="sales-web"}')).toEqual([{ metric: expect.objectContaining({ model_version: modelVersion }), value: 1 }]);
    const joined = await prometheus.query('http_requests_total{job="sales-web",route="/api/v1/forecast"} * on (job, instance) group_left (model_version) model_info');
    expect(joined.map((s) => [s.metric['status'], s.metric['model_version'], s.value]).sort()).toEqual([['200', modelVersion, forecasts], ['404', modelVersion, 1]]);
    const buckets = await prometheus.query('http_request_duration_seconds_bucket{job="sales-web",route="/api/v1/forecast"}');
    expect(buckets.map((s) => s.metric['le'])).toEqual(expect.arrayContaining(['0.1', '0.25', '1', '+Inf']));
    expect(buckets.find((s) => s.metric['le'] === '+Inf')?.value).toBe(forecasts + 1);
    const p99 = await prometheus.query('histogram_quantile(0.99, sum by (le) (http_request_duration_seconds_bucket{job="sales-web",route="/api/v1/forecast"}))');
    expect(p99[0]?.value).toBeGreaterThan(0);
  });

  it("receives the exporter's drift and live-error gauges, labelled with the model version", async () => {
    const value = async (expr: string) => (await prometheus.query(expr)).map((s: Sample) => s.value);
    const ids = `model_version="${modelVersion}"`;
    expect(await value('cd4ml_monitor_report_up')).toEqual([1]);
    expect(await value(`cd4ml_monitor_drift_psi{${ids},column="onpromotion"}`)).toEqual([0.71]);
    expect(await value(`cd4ml_monitor_drift_ks{${ids},column="onpromotion"}`)).toEqual([0.4]);
    expect(await value(`cd4ml_monitor_live_error{${ids},slice="overall",metric="primary"}`)).toEqual([0.41]);
    expect(await value('cd4ml_monitor_bar{statistic="error"}')).toEqual([0.4745]);
  });

  it('evaluates the committed alert rules: the drift alert fires, the others stay quiet', async () => {
    const rules = rulesApiSchema.parse(await prometheus.api('rules'));
    expect(rules.groups.map((g) => g.name).sort()).toEqual(['model-monitoring', 'sales-web']);
    const alerts = await until('the drift alert firing', async () => alertsSchema.parse(await prometheus.api('alerts')).alerts, (a) => a.some((x) => x.labels['alertname'] === 'ModelDriftOverThreshold' && x.state === 'firing'));
    expect(alerts.map((a) => [a.labels['alertname'], a.labels['column'], a.state])).toEqual([['ModelDriftOverThreshold', 'onpromotion', 'firing']]);
    for (const rule of rulesApiSchema.parse(await prometheus.api('rules')).groups.flatMap((g) => g.rules)) expect(rule.health, `${rule.name}: ${rule.lastError ?? ''}`).toBe('ok');
  });

  it('every metric the alerts and the dashboard read is one Prometheus scraped from the app or the exporter, and every dashboard query runs', async () => {
    const names = z.array(z.string()).parse(await prometheus.api('label/__name__/values', { 'match[]': '{job=~"sales-web|cd4ml-monitor"}' }));
    const scraped = new Set(names.filter((n) => !n.startsWith('scrape_')));
    expect(scraped).toContain('http_request_duration_seconds_bucket');
    const rules = rulesSchema.parse(parse(await readFile(join(prometheusDir, 'alerts.yml'), 'utf8')));
    for (const rule of rules.groups.flatMap((g) => g.rules)) for (const metric of metricsOf(rule.expr)) expect(scraped, `alerts.yml ${rule.alert} reads ${metric}, which nothing exports`).toContain(metric);
    const dashboardFile = join(workspaceRoot, 'deploy/grafana/sales-web-dashboard.json');
    const dashboard = dashboardSchema.parse(JSON.parse(await readFile(dashboardFile, 'utf8')));
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(15);
    for (const q of queries) {
      for (const metric of metricsOf(q.expr)) expect(scraped, `${dashboardFile} panel "${q.panel}" reads ${metric}, which nothing exports`).toContain(metric);
      await expect(prometheus.api('query', { query: q.expr }), `panel "${q.panel}"`).resolves.toBeDefined();
    }
  });

  it('can fail: a misspelled metric is not among those scraped, and Prometheus refuses a broken query', async () => {
    const names = z.array(z.string()).parse(await prometheus.api('label/__name__/values', { 'match[]': '{job=~"sales-web|cd4ml-monitor"}' }));
    expect(names).not.toContain(metricsOf('sum(rate(http_request_total{job="sales-web"}[5m]))')[0]);
    await expect(prometheus.api('query', { query: 'sum(rate(http_requests_total[5m])' })).rejects.toThrow(/parse error/);
  });
});
