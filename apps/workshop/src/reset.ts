import { rm } from 'node:fs/promises';
import { writeJsonAtomic } from '@cd4ml/fs';
import { at, featureModule, productionHistory, run, servedModel } from './_workspace.ts';
import type { Scenario } from './guide.ts';
import { markerFile } from './marker.ts';

/** What the exercises change, restored from git: the feature module, the params and bars, the promotion policy, the registry's aliases. */
const EXERCISE_FILES = ['libs/sales/features', 'libs/sales/model/params.yaml', 'libs/sales/model/gates.yaml', 'libs/sales/model/monitoring.yaml', 'environments/production/promotion.json', 'registry/sales-forecast.json'];

const deployCli = ['--import', 'tsx', 'libs/cd4ml/deploy/src/cli.ts'];

/**
 * Puts the workspace in the starting state of a scenario, with git and the project's own
 * commands, then records that start (dist/workshop/scenario-N.json) for `--check`.
 */
export async function resetScenario(scenario: Scenario): Promise<void> {
  run('git', ['checkout', 'HEAD', '--', ...EXERCISE_FILES]);
  run('git', ['clean', '-fdq', '--', 'libs/sales/features']);
  if (scenario === 1) {
    // A fresh clone: nothing serves and no pipeline has run.
    run(process.execPath, [...deployCli, 'stop']);
    await rm(at('dist/pipeline'), { recursive: true, force: true });
  } else {
    // Every later scenario starts from the end of the first: the committed model in production.
    run('npm', ['run', 'pipeline', '--silent']);
  }
  if (scenario === 5 && new Set((await productionHistory()).map((h) => h.release)).size < 2) {
    throw new Error('scenario 5 rolls production back to an earlier release, and production has served only one: do scenario 4 first (npm run workshop -- 4 --reset, then its steps)');
  }
  const served = await servedModel();
  const history = await productionHistory();
  const { featureNames, featureSchemaVersion } = await featureModule();
  await writeJsonAtomic(at(markerFile(scenario)), { scenario, at: Date.now(), release: history.at(-1)?.release ?? null, model: served?.modelVersion ?? null, featureNames, featureSchemaVersion });
  console.log(`workshop: the workspace is at the start of scenario ${scenario}. Open WORKSHOP.md at "Scenario ${scenario}".`);
}
