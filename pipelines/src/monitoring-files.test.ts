import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standardStart } from '@cd4ml/deploy';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { promtool } from './promtool.ts';
import { source } from './workspace-copy.ts';

// The monitoring files of the deployment, checked with the real promtool (Debian's prometheus
// package) and statically where nothing can run here (Grafana, Vector). That the metrics they read
// are the ones the app and the exporter export is checked against a real scrape, by a real
// Prometheus, in apps/sales-web/test/prometheus.test.ts.

const prometheusDir = join(source, 'deploy/prometheus');
const rulesSchema = z.object({ groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ alert: z.string(), expr: z.string() }).loose()) })) });
const ruleTestsSchema = z.object({
  rule_files: z.array(z.string()),
  tests: z.array(z.object({ alert_rule_test: z.array(z.object({ alertname: z.string(), exp_alerts: z.array(z.unknown()) })) }).loose()),
});
const dashboardSchema = z.object({
  uid: z.string().min(1),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(30),
  templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string() }).loose()) }),
  panels: z.array(
    z.object({
      id: z.number().int(),
      type: z.enum(['row', 'timeseries', 'stat', 'table']),
      title: z.string().min(1),
      gridPos: z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1).max(24), h: z.number().int().min(1) }),
      datasource: z.object({ type: z.literal('prometheus'), uid: z.literal('${datasource}') }).optional(),
      targets: z.array(z.object({ refId: z.string(), expr: z.string().min(1) }).loose()).optional(),
    }).loose(),
  ),
});

/** Runs `body` in a fresh temporary folder, removed afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'monitoring-files-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** promtool's verdict on PromQL expressions, each checked as a recording rule (`dashboard:query_<i>`). */
async function checkQueries(exprs: string[]): Promise<{ code: number; output: string }> {
  let result = { code: -1, output: '' };
  await inTempDir(async (dir) => {
    await writeFile(join(dir, 'queries.yml'), stringify({ groups: [{ name: 'dashboard', rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] }));
    result = await promtool(['check', 'rules', 'queries.yml'], dir);
  });
  return result;
}

describe('Prometheus: configuration and alert rules', () => {
  it('promtool checks the configuration and the rules', async () => {
    expect(await promtool(['check', 'config', 'prometheus.yml'], prometheusDir)).toMatchObject({ code: 0, output: expect.stringMatching(/SUCCESS: prometheus\.yml is valid/) });
    expect(await promtool(['check', 'rules', 'alerts.yml'], prometheusDir)).toMatchObject({ code: 0, output: expect.stringMatching(/SUCCESS: 6 rules found/) });
  });

  it('the unit tests of the rules pass in promtool: each alert fires on bad input and stays quiet on good input', async () => {
    const r = await promtool(['test', 'rules', 'alerts.test.yml'], prometheusDir);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.code).toBe(0);
  });

  it('covers the high error rate, p99 latency, readiness, drift and live error, each with a firing and a quiet case', async () => {
    const rules = rulesSchema.parse(parse(await readFile(join(prometheusDir, 'alerts.yml'), 'utf8')));
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).toEqual(['SalesWebHighErrorRate', 'SalesWebSlowP99', 'SalesWebNotReady', 'ModelDriftOverThreshold', 'LiveErrorOverThreshold', 'LiveBiasOverThreshold']);
    const tests = ruleTestsSchema.parse(parse(await readFile(join(prometheusDir, 'alerts.test.yml'), 'utf8')));
    const cases = tests.tests.flatMap((t) => t.alert_rule_test);
    for (const alert of alerts) {
      expect(cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0), `${alert} fires in alerts.test.yml`).toBe(true);
      expect(cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0), `${alert} stays quiet in alerts.test.yml`).toBe(true);
    }
  });

  it('promtool refuses a broken rule file, naming the file, the rule and the parse error', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'broken.yml'), stringify({ groups: [{ name: 'x', rules: [{ alert: 'Broken', expr: 'sum(rate(http_requests_total[5m])' }] }] }));
      const r = await promtool(['check', 'rules', 'broken.yml'], dir);
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/broken\.yml: .*"Broken": could not parse expression: .*unclosed left parenthesis/);
    });
  });

  // Each mutation of alerts.yml must make its unit tests fail: a bar raised breaks the firing case,
  // a bar dropped or a comparison turned around breaks the quiet one.
  it.each([
    ['the error-rate bar raised to 50%', '> 0.05', '> 0.5', 'SalesWebHighErrorRate'],
    ['the error-rate bar dropped to 0', '> 0.05', '> 0', 'SalesWebHighErrorRate'],
    ['the p99 bar raised to 1 s', '> 0.25', '> 1', 'SalesWebSlowP99'],
    ['readiness checked the wrong way', 'app_ready{job="sales-web"} == 0', 'app_ready{job="sales-web"} == 1', 'SalesWebNotReady'],
    ['drift compared the wrong way', '(cd4ml_monitor_drift_psi)\n            >', '(cd4ml_monitor_drift_psi)\n            <', 'ModelDriftOverThreshold'],
    ['live error read from MAE', 'cd4ml_monitor_live_error{metric="primary"}', 'cd4ml_monitor_live_error{metric="mae"}', 'LiveErrorOverThreshold'],
  ])('the unit tests fail with %s', async (_, from, to, alert) => {
    const rules = await readFile(join(prometheusDir, 'alerts.yml'), 'utf8');
    expect(rules, `alerts.yml no longer contains ${JSON.stringify(from)}: update this test`).toContain(from);
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'alerts.yml'), rules.replace(from, to));
      await writeFile(join(dir, 'alerts.test.yml'), await readFile(join(prometheusDir, 'alerts.test.yml'), 'utf8'));
      const r = await promtool(['test', 'rules', 'alerts.test.yml'], dir);
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(`alertname: ${alert}`);
    });
  });
});

describe('the Grafana dashboard', () => {
  it('is a valid dashboard whose every query is valid PromQL (promtool)', async () => {
    const dashboard = dashboardSchema.parse(JSON.parse(await readFile(join(source, 'deploy/grafana/sales-web-dashboard.json'), 'utf8')));
    // The shape check can fail: a panel wider than the grid, or a query on a fixed data source, is refused.
    const [first, ...rest] = dashboard.panels;
    expect(dashboardSchema.safeParse({ ...dashboard, panels: [{ ...first, gridPos: { ...first!.gridPos, w: 25 } }, ...rest] }).error?.issues[0]?.path).toEqual(['panels', 0, 'gridPos', 'w']);
    expect(dashboardSchema.safeParse({ ...dashboard, panels: [{ ...first, datasource: { type: 'prometheus', uid: 'prod' } }, ...rest] }).success).toBe(false);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(15);
    expect(await checkQueries(queries.map((q) => q.expr))).toMatchObject({ code: 0 });
    const broken = await checkQueries([...queries.map((q) => q.expr), 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))']);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/dashboard:query_\d+.*parse error/);
  });

  it('places panels without overlap on the 24-column grid', async () => {
    const { panels } = dashboardSchema.parse(JSON.parse(await readFile(join(source, 'deploy/grafana/sales-web-dashboard.json'), 'utf8')));
    for (const [i, a] of panels.entries()) {
      expect(a.gridPos.x + a.gridPos.w, a.title).toBeLessThanOrEqual(24);
      for (const b of panels.slice(i + 1)) {
        const apart = a.gridPos.x + a.gridPos.w <= b.gridPos.x || b.gridPos.x + b.gridPos.w <= a.gridPos.x || a.gridPos.y + a.gridPos.h <= b.gridPos.y || b.gridPos.y + b.gridPos.h <= a.gridPos.y;
        expect(apart, `"${a.title}" and "${b.title}" overlap`).toBe(true);
      }
    }
  });
});

const vectorSchema = z.object({
  sources: z.object({ predictions: z.object({ type: z.literal('file'), include: z.array(z.string()) }).loose() }),
  transforms: z.object({ forecasts: z.object({ type: z.literal('remap'), inputs: z.array(z.string()), source: z.string() }).loose() }),
  sinks: z.record(z.string(), z.object({ type: z.string(), inputs: z.array(z.string()) }).loose()),
});
const logSchemaSchema = z.object({
  properties: z.record(z.string(), z.object({ const: z.unknown().optional(), properties: z.record(z.string(), z.unknown()).optional() }).loose()),
});
const vectorFile = join(source, 'deploy/logging/vector.yaml');
const logSchemaFile = join(source, 'apps/sales-web/prediction-log.schema.json');

/**
 * What is wrong with a Vector configuration for the prediction log (empty: nothing): the files it
 * reads, the format version it accepts, the fields its transform reads (each must be in the JSON
 * Schema of a line) and the outputs its sinks take. No Vector binary runs here (Debian has none).
 */
function vectorProblems(yamlText: string, logSchema: z.infer<typeof logSchemaSchema>, instanceLog: string): string[] {
  const config = vectorSchema.parse(parse(yamlText));
  const problems: string[] = [];
  const expected = `environments/production/run/*/${instanceLog}`;
  if (config.sources.predictions.include.join() !== expected) problems.push(`sources.predictions.include is ${JSON.stringify(config.sources.predictions.include)}, not the instances' logs ['${expected}']`);
  const version = String(logSchema.properties['logVersion']?.const);
  const remap = config.transforms.forecasts.source;
  if (!remap.includes(`if .logVersion != ${version} { abort }`)) problems.push(`transforms.forecasts does not refuse lines of a version other than ${version} (if .logVersion != ${version} { abort })`);
  for (const [, path] of remap.matchAll(/= \.([A-Za-z_]+(?:\.[A-Za-z_]+)*)$/gm)) {
    const [top, sub] = path!.split('.');
    const field = logSchema.properties[top!];
    if (!field || (sub && !field.properties?.[sub])) problems.push(`transforms.forecasts reads .${path!}, which is not a field of ${logSchemaFile}`);
  }
  for (const [name, sink] of Object.entries(config.sinks)) for (const input of sink.inputs) if (!['forecasts', 'forecasts.dropped'].includes(input)) problems.push(`sinks.${name} takes ${input}, not the forecasts or their rejected lines`);
  return problems;
}

describe('the Vector sample that ships the prediction log', async () => {
  const logSchema = logSchemaSchema.parse(JSON.parse(await readFile(logSchemaFile, 'utf8')));
  const text = await readFile(vectorFile, 'utf8');
  // Every release writes {instance}/predictions.jsonl (the platform starts it so); an environment's instances live in run/<slot>.
  const start = standardStart('main.js');
  const logFile = /^\{instance\}\/(.+)$/.exec(start[start.indexOf('--prediction-log') + 1] ?? '')?.[1];

  it("reads the production instances' logs, keeps only this format version, and reads only fields of the schema", () => {
    expect(logFile, 'the platform no longer starts a release with --prediction-log {instance}/<file>').toBe('predictions.jsonl');
    expect(vectorProblems(text, logSchema, logFile!)).toEqual([]);
  });

  it.each([
    ['another log file', ['predictions.jsonl', 'forecasts.jsonl'], 'sources.predictions.include'],
    ['another version', ['.logVersion != 1', '.logVersion != 2'], 'does not refuse lines of a version other than 1'],
    ['a field the schema lacks', ['.input.store_nbr', '.input.store'], 'reads .input.store, which is not a field'],
    ['a renamed top-level field', ['.output.unit_sales', '.prediction.unit_sales'], 'reads .prediction.unit_sales'],
    ['a sink on the raw source', ['inputs: [forecasts]', 'inputs: [predictions]'], 'sinks.archive takes predictions'],
  ])('finds %s', (_, [from, to], problem) => {
    expect(text, `${vectorFile} no longer contains ${from!}: update this test`).toContain(from);
    expect(vectorProblems(text.replace(from!, to!), logSchema, logFile!).join('\n')).toContain(problem);
  });
});
