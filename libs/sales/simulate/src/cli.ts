import { join } from 'node:path';
import { integer, runMain } from '@cd4ml/cli';
import { writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { Command, Option } from '@commander-js/extra-typings';
import { simulate } from './simulate.ts';
import { simulationReport } from './simulation-report.ts';
import { CHANGES } from './world.ts';

const program = new Command('simulate')
  .description(
    'The workshop\'s "our app in the wild": replay weeks of synthetic production traffic against the real app, day by day,\n' +
      'post the actuals after each day, inject a change, let the monitor catch it, feed the outcomes back, retrain and\n' +
      'redeploy through the pipeline\'s stages and the deploy lib, and watch the live error recover. Prints a timeline;\n' +
      'writes simulation.html and simulation.json. Everything lives in --out (its own releases and production port).',
  )
  .option('--weeks <n>', 'weeks of production', integer({ min: 1, max: 52 }), 7)
  .option('--change-day <n>', 'day of production the change starts', integer({ min: 0 }), 7)
  .addOption(new Option('--change <kind>', 'demand: every sale times --factor; promotion: half the items on promotion, selling --factor times as much').choices(CHANGES).default('promotion' as const))
  .option('--factor <x>', 'size of the change', (v) => Number(v), 2.5)
  .option('--seed <n>', 'seed of the world and of the change', integer({ min: 0 }), 7)
  .option('--items <n>', 'items of the one store', integer({ min: 10, max: 1000 }), 100)
  .option('--validation-days <n>', 'days ingest holds out for the gates', integer({ min: 7 }), 7)
  .option('--training-days <n>', 'days every model learns from (a sliding window before the validation days)', integer({ min: 14 }), 28)
  .option('--early-stopping-days <n>', 'days at the end of the training window early stopping watches', integer({ min: 1 }), 7)
  .option('--cooldown-days <n>', 'days a new release is judged before another retrain', integer({ min: 1 }), 7)
  .option('--params <file>', 'params file (model, gates, monitoring bars)', 'libs/sales/model/params.yaml')
  .option('--out <dir>', 'work folder', 'dist/simulate')
  .addHelpText('after', '\nExamples:\n  npm run simulate\n  npm run simulate -- --change demand --factor 2 --weeks 10 --training-days 56 --seed 3');

await runMain(async () => {
  const o = program.parse().opts();
  if (o.changeDay >= o.weeks * 7) throw new Error(`--change-day ${o.changeDay} is after the last day (${o.weeks * 7 - 1}): choose an earlier day or more --weeks`);
  if (!Number.isFinite(o.factor) || o.factor <= 0) throw new Error(`--factor must be a positive number, not ${o.factor}`);
  const result = await simulate({ ...o, say: (line) => console.log(line) });
  const html = join(o.out, 'simulation.html');
  await writeFileAtomic(html, simulationReport(o, result));
  await writeJsonAtomic(join(o.out, 'simulation.json'), { options: o, ...result, report: undefined });
  const last = result.days.at(-1)!;
  console.log(`detected on day ${result.detectedDay ?? 'never'}; recovered on day ${result.recoveredDay ?? 'never'}; retrained on day(s) ${result.retrainDays.join(', ') || 'none'}; last day: monitor ${last.status} on model ${last.modelVersion} (${result.seconds}s)`);
  console.log(`wrote ${html}`);
});
