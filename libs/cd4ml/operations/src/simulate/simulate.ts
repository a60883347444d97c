import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { buildApp, deployRelease, packageRelease, servedModel, stopEnvironment, type DeployContext } from '@cd4ml/deploy';
import { writeJsonAtomic } from '@cd4ml/fs';
import { monitorFiles, type MonitorDefinition, type MonitorReport, type MonitorSettings } from '@cd4ml/monitoring';
import type { SmokeDeclaration } from '@cd4ml/pipeline/declarations';
import { SeededRandom } from '@cd4ml/random';
import { z } from 'zod';
import { feedOutcomesBack } from '../feedback/feedback-command.ts';
import { environmentLogs } from '../monitor/monitor-command.ts';
import { postJson } from './app-client.ts';
import type { SimulationDefinition } from './simulation-definition.ts';
import { SimulationError } from './simulation-error.ts';
import type { SimulationStages } from './simulation-stages.ts';

const addDays = (date: string, days: number) => isoDate(dayNumber(date) + days);

/** How a run of the simulation is set up: the platform's options, and the domain's own. */
export interface SimulationOptions {
  weeks: number;
  /** Day of production (0 = the first) from which the change holds. */
  changeDay: number;
  change: string;
  factor: number;
  seed: number;
  /** Days every model learns from, ending where the validation days start (a sliding window); 0: all of history (a growing window). */
  trainingDays: number;
  /** Days held out for evaluation and the gates. */
  validationDays: number;
  /** After a retrain, the monitor judges the new release on its own window before another retrain. */
  cooldownDays: number;
  /** The simulation's production port. */
  port: number;
  /** The domain's options, by name. */
  domain: Record<string, number>;
}

/** Everything the simulation runs: the app and its declarations, the domain's definitions, the stages. */
export interface SimulationSetup {
  workspaceRoot: string;
  app: { name: string; root: string; smoke: SmokeDeclaration; model: string };
  simulation: SimulationDefinition;
  monitor: MonitorDefinition;
  settings: MonitorSettings;
  /** The domain's feedback definition, and its snapshot's manifest as the app's cd4ml.json names it (workspace-relative). */
  feedback: { definition: Parameters<typeof feedOutcomesBack>[0]; out: string };
  /** The simulation's work folder (absolute). */
  dir: string;
  /** The workspace's stages run in `dir`, with these workspace files replaced by files of the simulation. */
  stages: (files: ReadonlyMap<string, string>) => SimulationStages;
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

/**
 * Replays weeks of production against the real app: each day, clients ask the day's forecasts in
 * batches and post the day's actuals; the monitor judges the served model; on an alert (at most
 * once per cooldown) the outcomes are fed back, the domain's stages retrain and gate on a sliding
 * window, and a release goes to production blue/green through the deploy lib. Everything lives in
 * the simulation's folder, on its own port; production is stopped on every way out.
 */
export async function simulate(s: SimulationSetup, o: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const dir = s.dir;
  await mkdir(join(dir, 'environments', 'production'), { recursive: true });
  const lastDay = addDays(s.simulation.historyEnd, o.weeks * 7);
  const basics = { dir, seed: o.seed, options: o.domain, historyEnd: s.simulation.historyEnd, lastDay };
  // The fed-back outcomes go to the simulation's own snapshot, which its data stages fold in.
  const feedbackManifest = join(dir, s.feedback.out);
  const replaced = await s.simulation.prepare?.(basics);
  const stages = s.stages(new Map([[s.feedback.out, feedbackManifest], ...Object.entries(replaced ?? {})]));
  const context = { ...basics, runStage: (ref: string, args?: readonly string[]) => stages.run(ref, args), outputOf: (ref: string) => stages.outputOf(ref) };
  s.say(`world: seed ${o.seed}, ${describeOptions(o.domain)}; history up to ${s.simulation.historyEnd}, production ${addDays(s.simulation.historyEnd, 1)}..${lastDay}`);
  const world = await s.simulation.world(context);
  // The simulation's own production, on its own port: nothing of the workspace's environments.
  await writeJsonAtomic(join(dir, 'environments/production/environment.json'), { name: 'production', port: o.port, strategy: 'blue-green', readyTimeoutSeconds: 60, postDeploySeconds: 1 });
  const deploy: DeployContext = { environmentsDir: join(dir, 'environments'), releasesDir: join(dir, 'releases'), workspaceRoot: s.workspaceRoot, say: () => {} };
  const appDir = join(dir, 'app');
  await buildApp({ workspaceRoot: s.workspaceRoot, projectRoot: s.app.root, name: s.app.name, outDir: appDir });
  const env = join(deploy.environmentsDir, 'production');

  /** The domain's stages on the window that ends on `until`, then package and a blue/green deploy. */
  const pipeline = async (why: string, until: string) => {
    const t = performance.now();
    const from = o.trainingDays > 0 ? addDays(until, -(o.trainingDays + o.validationDays - 1)) : s.simulation.historyStart!;
    for (const [ref, args] of s.simulation.retrain({ ...context, until, from, validationDays: o.validationDays })) await stages.run(ref, args);
    const { release } = await packageRelease({ appDir, modelDir: stages.outputOf(s.app.model), releasesDir: deploy.releasesDir, workspaceRoot: s.workspaceRoot });
    await deployRelease(deploy, 'production', release.manifest.id);
    const served = await servedModel(env, deploy.releasesDir);
    const seconds = Math.round((performance.now() - t) / 100) / 10;
    s.say(`  pipeline (${why}; learns ${from}..${addDays(until, -o.validationDays)}, gated on the ${o.validationDays} days after): release ${served.release} serves model ${served.modelVersion} (${seconds}s)`);
    return { id: served.release, modelVersion: served.modelVersion, seconds };
  };
  try {
    return await replay(s, o, { world, pipeline, env, releases: deploy.releasesDir, feedbackManifest, started });
  } finally {
    // Stopped on every way out, an error included: no release of the simulation outlives it.
    await stopEnvironment(deploy, 'production').catch((error: Error) => s.say(`could not stop the simulation's production: ${error.message}`));
  }
}

interface ReplayParts {
  world: ReadonlyMap<string, readonly unknown[]>;
  pipeline: (why: string, until: string) => Promise<{ id: string; modelVersion: string; seconds: number }>;
  env: string;
  releases: string;
  feedbackManifest: string;
  started: number;
}

/** The days of production, from the first model on; returns the timeline. */
async function replay(s: SimulationSetup, o: SimulationOptions, p: ReplayParts): Promise<SimulationResult> {
  await p.pipeline('the first model', s.simulation.historyEnd);
  const base = `http://127.0.0.1:${o.port}`;
  const replay = s.app.smoke.replay;
  const change = s.simulation.changes[o.change];
  if (!change) throw new SimulationError('BAD_OPTION', `no change ${o.change}: the domain offers ${Object.keys(s.simulation.changes).join(', ')}`);
  const random = new SeededRandom(o.seed);
  const days: SimulatedDay[] = [];
  const retrainDays: number[] = [];
  let detectedDay: number | undefined;
  let report: MonitorReport | undefined;
  for (let day = 0; day < o.weeks * 7; day += 1) {
    const date = addDays(s.simulation.historyEnd, day + 1);
    const truth = p.world.get(date) ?? [];
    const rows = day >= o.changeDay ? change.apply(truth, o.factor, () => random.next()) : truth;
    let modelVersion = '';
    for (let i = 0; i < rows.length; i += replay.maxRows) {
      const batch = rows.slice(i, i + replay.maxRows);
      const answer = await postJson(`${base}${replay.path}`, { [replay.requestField]: batch.map(s.simulation.request) }, `asking day ${day}'s forecasts (${date})`);
      modelVersion = z.object({ [replay.versionField]: z.string() }).parse(answer)[replay.versionField] ?? '';
      await postJson(`${base}/api/v1/actuals`, { actuals: batch.map(s.simulation.actual) }, `posting day ${day}'s actuals (${date})`);
    }
    report = await monitorFiles({ modelDir: (await servedModel(p.env, p.releases)).modelDir, spec: s.monitor.spec, domain: s.monitor.domain, settings: s.settings, ...environmentLogs(p.env) });
    const record: SimulatedDay = { day, date, forecasts: rows.length, modelVersion, status: report.status, alerts: report.alerts.map((a) => `${a.subject} ${a.statistic} ${a.figure} (bar ${a.bar})`) };
    const warmingUp = day < s.settings.windowDays - 1;
    const mark = day === o.changeDay ? `  <- ${o.change} change (x${o.factor})` : '';
    s.say(`day ${String(day).padStart(2)} ${date}: ${rows.length} forecasts by ${modelVersion}, monitor ${warmingUp ? 'warming up' : report.status}${record.alerts.length ? `: ${record.alerts.slice(0, 2).join('; ')}` : ''}${mark}`);
    // The first days' window also holds the smoke test's holdout replay (past dates) and a part week.
    if (warmingUp) record.status = 'insufficient-data';
    if (!warmingUp && report.status === 'alert') {
      detectedDay ??= day;
      if (retrainDays.length === 0 || day - retrainDays.at(-1)! >= o.cooldownDays) {
        retrainDays.push(day);
        const fed = await feedOutcomesBack(s.feedback.definition, environmentLogs(p.env), p.feedbackManifest);
        s.say(`  ${fed.lines[0]!}`);
        try {
          record.release = await p.pipeline(`retrain on day ${day}`, date);
        } catch (error) {
          // A gate refusing the retrained model is an outcome, not a crash: the old release keeps serving.
          if (!(error instanceof SimulationError) || error.code !== 'STAGE_FAILED') throw error;
          record.refused = (error.detail?.stderr ?? error.message).trim().split('\n').slice(0, 3).map((l) => l.trim()).join(' ');
          s.say(`  pipeline stopped at ${error.detail?.stage ?? 'a stage'}: ${record.refused}`);
        }
      }
    }
    days.push(record);
  }
  const first = days[0]?.modelVersion;
  const recoveredDay = detectedDay === undefined ? undefined : days.find((d) => d.day > detectedDay && d.status === 'ok' && d.modelVersion !== first)?.day;
  return { days, report: report!, ...(detectedDay === undefined ? {} : { detectedDay }), ...(recoveredDay === undefined ? {} : { recoveredDay }), retrainDays, seconds: Math.round((performance.now() - p.started) / 100) / 10 };
}

const describeOptions = (options: Record<string, number>) => Object.entries(options).map(([k, v]) => `${k} ${v}`).join(', ') || 'default world';
