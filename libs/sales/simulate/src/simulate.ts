import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { servedModel } from '@cd4ml/deploy';
import { findWorkspaceRoot, readJsonFile, readYamlFile, writeFileAtomic } from '@cd4ml/fs';
import { expandPaths, monitorFiles, monitorSettingsSchema, type MonitorReport } from '@cd4ml/monitoring';
import { featureSpecSchema } from '@cd4ml/sales-features';
import { salesMonitorDomain } from '@cd4ml/sales-model/monitor';
import { readParams } from '@cd4ml/sales-model/params';
import { SeededRandom } from '@cd4ml/random';
import { z } from 'zod';
import { changed, readWorld, type Change } from './world.ts';

const addDays = (date: string, days: number) => isoDate(dayNumber(date) + days);
const root = findWorkspaceRoot(import.meta.dirname);
const run = promisify(execFile);
/** The synthetic history ends here, as the Kaggle data does; production starts the day after. */
const HISTORY_END = '2017-08-15';
const HISTORY_START = '2017-03-01';

export interface SimulationOptions {
  /** Work folder: world, data, models, releases, the production environment, reports. */
  out: string;
  weeks: number;
  /** Day of production (0 = the first) from which the change holds. */
  changeDay: number;
  change: Change;
  factor: number;
  seed: number;
  items: number;
  /** Days held out by ingest for the gates: the retrained model learns from the days before them. */
  validationDays: number;
  /**
   * Days every model learns from, ending where the validation days start: a sliding window, so a
   * retrained model learns the world as it is now. The sales features are per-item statistics of the
   * whole training window, not lags, so a model trained on months before a change keeps forecasting
   * the old level however many changed days are added.
   */
  trainingDays: number;
  /** Days at the end of the training window that early stopping watches (the params' earlyStoppingDays). */
  earlyStoppingDays: number;
  /** After a retrain, the monitor judges the new release on its own window before another retrain. */
  cooldownDays: number;
  params: string;
  say: (line: string) => void;
}

/** One simulated day: traffic, the monitor's verdict, and a release when the pipeline redeployed. */
export interface SimulatedDay {
  day: number;
  date: string;
  forecasts: number;
  modelVersion: string;
  status: MonitorReport['status'];
  alerts: string[];
  release?: { id: string; modelVersion: string; seconds: number };
  /** Why the pipeline refused to release the model retrained that day (the gates that failed). */
  refused?: string;
}

export interface SimulationResult {
  days: SimulatedDay[];
  /** The monitor's last report, over the whole run: the daily live error of every model version. */
  report: MonitorReport;
  detectedDay?: number;
  /** The first day after the detection that a retrained release was judged, over a whole window, with no alert. */
  recoveredDay?: number;
  retrainDays: number[];
  seconds: number;
}

const cli = (script: string, args: readonly string[]) => run(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root, maxBuffer: 1 << 26, env: { ...process.env, FORCE_COLOR: '0' } });

/**
 * Replays weeks of production against the real app: each day, the shop asks a batch of forecasts
 * and posts the day's actuals; the monitor judges the served model; on an alert (at most once per
 * cooldown) the feedback stage feeds the outcomes back and the pipeline's stages retrain, gate,
 * package and deploy through the deploy lib (blue/green). Returns the timeline.
 */
export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const w = (...p: string[]) => resolve(o.out, ...p);
  const settings = (await readYamlFile(o.params, z.looseObject({ monitoring: monitorSettingsSchema }))).monitoring;
  if (o.earlyStoppingDays >= o.trainingDays) throw new Error(`--early-stopping-days (${o.earlyStoppingDays}) must be fewer than --training-days (${o.trainingDays}): early stopping watches the end of the training window`);
  // The committed params with the simulation's early-stopping window (a short training window leaves
  // nothing to fit behind 28 days). JSON is YAML, so the train and gate CLIs read it as they read the file.
  const params = await readParams(o.params);
  const simParams = w('params.yaml');
  await mkdir(o.out, { recursive: true });
  await writeFileAtomic(simParams, `${JSON.stringify({ ...params, model: { ...params.model, gbt: { ...params.model.gbt, earlyStoppingDays: o.earlyStoppingDays } } }, null, 2)}\n`);
  const lastDay = addDays(HISTORY_END, o.weeks * 7);
  o.say(`world: seed ${o.seed}, ${o.items} items, history ${HISTORY_START}..${HISTORY_END}, production ${addDays(HISTORY_END, 1)}..${lastDay}`);
  await cli('libs/sales/data/src/generate/cli.ts', ['--out', w('world'), '--seed', String(o.seed), '--items', String(o.items), '--start', HISTORY_START, '--end', lastDay]);
  await environment(w('environments'));
  await cli('apps/sales-web/build.ts', ['--out', w('app')]);
  const env = w('environments/production');
  /** Generate (with the fed-back outcomes), ingest the sliding window that ends on `until`, train, gate, package, deploy. */
  const pipeline = async (why: string, until: string) => {
    const t = performance.now();
    const from = addDays(until, -(o.trainingDays + o.validationDays - 1));
    const step = (script: string, args: string[]) => cli(script, args);
    await step('libs/sales/data/src/generate/cli.ts', ['--out', w('raw'), '--seed', String(o.seed), '--items', String(o.items), '--start', HISTORY_START, '--end', HISTORY_END, '--feedback', w('feedback/default.manifest.json')]);
    await step('libs/sales/data/src/ingest/cli.ts', ['--raw', w('raw'), '--out', w('processed'), '--validation-days', String(o.validationDays), '--from', from, '--to', until]);
    await step('libs/sales/model/src/train/cli.ts', ['--data', w('processed'), '--params', simParams, '--out', w('trained')]);
    await step('libs/sales/model/src/gate/cli.ts', ['--model', w('trained'), '--data', w('processed'), '--params', simParams, '--registry', w('registry.json'), '--store', w('store'), '--out', w('gated')]);
    const deployArgs = ['--environments', w('environments'), '--releases', w('releases')];
    await step('libs/cd4ml/deploy/src/cli.ts', [...deployArgs, 'package', '--app', w('app'), '--model', w('gated'), '--out', w('package')]);
    await step('libs/cd4ml/deploy/src/cli.ts', [...deployArgs, 'deploy', '--release-from', w('package'), '--env', 'production']);
    const served = await servedModel(env, w('releases'));
    const seconds = Math.round((performance.now() - t) / 100) / 10;
    o.say(`  pipeline (${why}; learns ${from}..${addDays(until, -o.validationDays)}, gated on the ${o.validationDays} days after): release ${served.release} serves model ${served.modelVersion} (${seconds}s)`);
    return { id: served.release, modelVersion: served.modelVersion, seconds };
  };
  const stop = () => cli('libs/cd4ml/deploy/src/cli.ts', ['--environments', w('environments'), '--releases', w('releases'), 'stop', '--env', 'production']);
  try {
    return await replay(o, w, pipeline, settings, env, started);
  } finally {
    // Stopped on every way out, an error included: no release of the simulation outlives it.
    await stop().catch((error: Error) => o.say(`could not stop the simulation's production: ${error.message}`));
  }
}

/** The days of production, from the first model on; returns the timeline. */
async function replay(
  o: SimulationOptions,
  w: (...p: string[]) => string,
  pipeline: (why: string, until: string) => Promise<{ id: string; modelVersion: string; seconds: number }>,
  settings: z.infer<typeof monitorSettingsSchema>,
  env: string,
  started: number,
): Promise<SimulationResult> {
  const world = await readWorld(w('world/train.csv'), addDays(HISTORY_END, 1));
  await pipeline('the first model', HISTORY_END);
  const { port } = await readJsonFile(join(env, 'environment.json'), z.looseObject({ port: z.number() }));
  const base = `http://127.0.0.1:${port}/api/v1`;
  const random = new SeededRandom(o.seed);
  const days: SimulatedDay[] = [];
  const retrainDays: number[] = [];
  let detectedDay: number | undefined;
  let report: MonitorReport | undefined;
  for (let day = 0; day < o.weeks * 7; day += 1) {
    const date = addDays(HISTORY_END, day + 1);
    const truth = world.get(date) ?? [];
    const rows = day >= o.changeDay ? changed(truth, o.change, o.factor, () => random.next()) : truth;
    const asked = await post(`${base}/forecast/batch`, { rows: rows.map((r) => ({ date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr, onpromotion: r.onpromotion })) });
    const modelVersion = z.object({ modelVersion: z.string() }).parse(asked).modelVersion;
    await post(`${base}/actuals`, { actuals: rows.map((r) => ({ date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr, unit_sales: r.unit_sales })) });
    report = await monitor(env, w('releases'), settings);
    const record: SimulatedDay = { day, date, forecasts: rows.length, modelVersion, status: report.status, alerts: report.alerts.map((a) => `${a.subject} ${a.statistic} ${a.figure} (bar ${a.bar})`) };
    const mark = day === o.changeDay ? `  <- ${o.change} change (x${o.factor})` : '';
    o.say(`day ${String(day).padStart(2)} ${date}: ${rows.length} forecasts by ${modelVersion}, monitor ${day < settings.windowDays - 1 ? 'warming up' : report.status}${record.alerts.length ? `: ${record.alerts.slice(0, 2).join('; ')}` : ''}${mark}`);
    // The first days' window also holds the smoke test's holdout replay (past dates) and a part week.
    const warmingUp = day < settings.windowDays - 1;
    if (warmingUp) record.status = 'insufficient-data';
    if (!warmingUp && report.status === 'alert') {
      detectedDay ??= day;
      if (retrainDays.length === 0 || day - retrainDays.at(-1)! >= o.cooldownDays) {
        retrainDays.push(day);
        const fed = await cli('libs/sales/data/src/feedback/cli.ts', ['--predictions', join(env, 'run/*/predictions.jsonl'), '--actuals', join(env, 'data/actuals.jsonl'), '--out', w('feedback/default.manifest.json')]);
        o.say(`  ${fed.stdout.split('\n')[0]}`);
        try {
          record.release = await pipeline(`retrain on day ${day}`, date);
        } catch (error) {
          // A gate refusing the retrained model is an outcome, not a crash: the old release keeps serving.
          record.refused = String((error as { stderr?: string }).stderr ?? error).trim().split('\n').slice(0, 3).map((l) => l.trim()).join(' ');
          o.say(`  pipeline stopped: ${record.refused}`);
        }
      }
    }
    days.push(record);
  }
  const first = days[0]?.modelVersion;
  const recoveredDay = detectedDay === undefined ? undefined : days.find((d) => d.day > detectedDay && d.status === 'ok' && d.modelVersion !== first)?.day;
  return { days, report: report!, ...(detectedDay === undefined ? {} : { detectedDay }), ...(recoveredDay === undefined ? {} : { recoveredDay }), retrainDays, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function monitor(env: string, releases: string, settings: z.infer<typeof monitorSettingsSchema>): Promise<MonitorReport> {
  const { modelDir } = await servedModel(env, releases);
  // Smoke tests replay the holdout (past dates) through the app: the window follows the latest day forecast.
  return monitorFiles({ modelDir, spec: featureSpecSchema, domain: salesMonitorDomain, settings, predictions: expandPaths([join(env, 'run/*/predictions.jsonl')]), actuals: [join(env, 'data/actuals.jsonl')] });
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The simulation's own production environment (blue/green, on a free loopback port), beside nothing of the workspace's. */
async function environment(dir: string): Promise<void> {
  await mkdir(join(dir, 'production'), { recursive: true });
  const port = await new Promise<number>((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no free port'))));
    });
  });
  await writeFileAtomic(join(dir, 'production/environment.json'), JSON.stringify({ name: 'production', port, strategy: 'blue-green', readyTimeoutSeconds: 60, postDeploySeconds: 1 }));
}
