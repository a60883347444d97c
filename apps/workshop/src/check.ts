import { existsSync } from 'node:fs';
import { z } from 'zod';
import { at, featureModule, filesSince, newerThan, output, productionHistory, readJson, servedModel } from './_workspace.ts';
import type { Scenario } from './guide.ts';
import { readMarker, type Marker } from './marker.ts';

const runRecordSchema = z.object({
  passed: z.boolean(),
  stages: z.array(z.object({ stage: z.string(), outcome: z.string() })),
  failure: z.object({ stage: z.string(), reason: z.array(z.string()) }).optional(),
});
const trainingRunSchema = z.object({ params: z.object({ model: z.object({ algorithm: z.string() }) }) });
const releaseSchema = z.object({ model: z.object({ version: z.string() }), data: z.object({ raw: z.string(), processed: z.string() }), code: z.object({ commit: z.string() }) });

/** The data and training stages: a rerun with no change takes them from the Nx cache (the gate reruns once after the champion moved). */
const CACHED_ON_RERUN = new Set(['sales-data:generate', 'sales-data:ingest', 'sales-data:validate', 'sales-model:train']);

const pipelineRuns = async (since: number) => Promise.all(filesSince('dist/pipeline/runs', since).map((f) => readJson(f, runRecordSchema)));

/** Whether a test file of the feature module names the feature (git grep exits 1 on no match). */
function testsName(feature: string): boolean {
  try {
    return output('git', ['grep', '-l', '--untracked', '-e', feature, '--', 'libs/sales/features/src/*.test.ts']).trim() !== '';
  } catch {
    return false;
  }
}

type Check = (m: Marker) => Promise<string[]>;

const checks: Record<Scenario, Check> = {
  async 1(m) {
    const missing: string[] = [];
    const runs = await pipelineRuns(m.at);
    if (!runs.some((r) => r.passed)) missing.push('no pipeline run has passed yet: run npm run pipeline (or npm start)');
    const last = runs.at(-1);
    if (runs.length < 2 || !last?.passed || last.stages.some((s) => CACHED_ON_RERUN.has(s.stage) && s.outcome !== 'cached'))
      missing.push('the last pipeline run did not come from the Nx cache: run npm run pipeline a second time, with no change');
    if (!existsSync(at('dist/pipeline/report.html'))) missing.push('there is no pipeline report (dist/pipeline/report.html)');
    if (!(await servedModel())) missing.push('production does not answer GET /api/v1/model: run npm run pipeline');
    return missing;
  },
  async 2(m) {
    const missing: string[] = [];
    const now = await featureModule();
    const added = now.featureNames.filter((n) => !m.featureNames.includes(n));
    if (added.length === 0) missing.push('no new feature in libs/sales/features/src/feature-names.ts: add its name to featureNames');
    if (now.featureSchemaVersion <= m.featureSchemaVersion) missing.push(`featureSchemaVersion is still ${now.featureSchemaVersion}: bump it, the feature list changed`);
    if (added.length > 0 && !testsName(added[0]!)) missing.push(`no test in libs/sales/features/src names the feature ${added[0]}: write the failing test first`);
    const served = await servedModel();
    if (served?.featureSchemaVersion !== now.featureSchemaVersion)
      missing.push(`production serves a model of feature schema ${served ? `v${served.featureSchemaVersion}` : '(none)'}, not v${now.featureSchemaVersion}: run npm run pipeline`);
    else if (!served.gates.results.some((g) => g.gate === 'parity' && g.passed)) missing.push('the served model has no passing parity gate');
    return missing;
  },
  async 3(m) {
    const missing: string[] = [];
    const trainings = await Promise.all(filesSince('registry/runs', m.at).map((f) => readJson(f, trainingRunSchema)));
    if (trainings.length < 3) missing.push(`${trainings.length} training run(s) since the reset: train at least three variants (npx nx run sales-model:train)`);
    if (!trainings.some((t) => t.params.model.algorithm === 'forest')) missing.push('no random forest was trained: set model.algorithm: forest in libs/sales/model/params.yaml and train');
    const failures = (await pipelineRuns(m.at)).flatMap((r) => (r.failure ? [r.failure.reason.join('\n')] : []));
    if (!failures.some((f) => /threshold:/.test(f))) missing.push('no pipeline run was stopped by the threshold gate: try the deliberately bad model (nEstimators: 2)');
    if (!failures.some((f) => /slice-(error|bias):/.test(f))) missing.push('no pipeline run was stopped by a slice gate (slice-error or slice-bias)');
    for (const file of ['libs/sales/model/params.yaml', 'libs/sales/model/gates.yaml']) {
      if (output('git', ['status', '--porcelain', '--', file]).trim() !== '') missing.push(`${file} still differs from the committed one: keep the winner or git checkout ${file}`);
    }
    return missing;
  },
  async 4(m) {
    const missing: string[] = [];
    const since = (await productionHistory()).filter((h) => Date.parse(h.at) >= m.at);
    if (!since.some((h) => h.action === 'deploy' && h.model !== m.model)) missing.push('production has not received a release with a new model since the reset: change the model, run the pipeline and approve the promotion');
    if (!since.some((h) => h.action === 'auto-rollback')) missing.push('no release was rolled back automatically since the reset: deploy the broken release of the guide');
    if (!(await servedModel())) missing.push('production does not answer GET /api/v1/model');
    return missing;
  },
  async 5(m) {
    const rollback = (await productionHistory()).filter((h) => Date.parse(h.at) >= m.at && h.action === 'rollback').at(-1);
    if (!rollback) return ['production has not been rolled back since the reset: npx nx run sales-web:rollback'];
    const served = await servedModel();
    if (!served) return ['production does not answer GET /api/v1/model'];
    const release = await readJson(`releases/${rollback.release}/release.json`, releaseSchema);
    const wrong = [
      ['model', served.modelVersion, release.model.version],
      ['raw data version', served.rawDataVersion, release.data.raw],
      ['processed data version', served.processedDataVersion, release.data.processed],
      ['code version', served.code.commit, release.code.commit],
    ].filter(([, a, b]) => a !== b);
    return wrong.map(([what, a, b]) => `production serves ${what} ${a}, but release ${rollback.release} holds ${b}`);
  },
  async 6(m) {
    const missing: string[] = [];
    if (!newerThan('dist/simulate/sales-web/simulation.json', m.at)) missing.push('no simulation since the reset: npm run simulate');
    else if ((await readJson('dist/simulate/sales-web/simulation.json', z.object({ recoveredDay: z.number().optional() }))).recoveredDay === undefined) missing.push('the simulation ended before the live error recovered: run it again with more --weeks');
    if (!newerThan('dist/monitoring/production/monitor-report.json', m.at)) missing.push('no monitor report since the reset: npx nx run sales-web:monitor');
    if (!newerThan('dist/prometheus', m.at)) missing.push('Prometheus has not run with --storage.tsdb.path=dist/prometheus');
    return missing;
  },
};

/** What is missing from a scenario's end state, in plain words; empty when it is reached. */
export async function checkScenario(scenario: Scenario): Promise<string[]> {
  const marker = await readMarker(scenario);
  if (!marker && scenario !== 1) return [`no start was recorded for scenario ${scenario}: run npm run workshop -- ${scenario} --reset before its steps`];
  return checks[scenario](marker ?? { at: 0, release: null, model: null, featureNames: [], featureSchemaVersion: 0 });
}
