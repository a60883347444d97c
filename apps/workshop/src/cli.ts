import { CliError, runMain } from '@cd4ml/cli';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { checkScenario } from './check.ts';
import { SCENARIOS, type Scenario } from './guide.ts';
import { resetScenario } from './reset.ts';

const scenarioArg = (v: string): Scenario => {
  const s = SCENARIOS.find((n) => String(n) === v);
  if (!s) throw new InvalidArgumentError(`a scenario is one of ${SCENARIOS.join(', ')}`);
  return s;
};

const program = new Command('workshop')
  .description('The scenarios of WORKSHOP.md as code: --reset puts the workspace at the start of one, --check says what is missing from its end.')
  .argument('<scenario>', `scenario (${SCENARIOS.join('-')})`, scenarioArg)
  .option('--reset', "put the workspace in the scenario's starting state (git, the pipeline, the deploy CLI)")
  .option('--check', 'verify the end state of the scenario; exit 1 naming what is missing')
  .addHelpText('after', '\nExamples:\n  npm run workshop -- 2 --reset\n  npm run workshop -- 2 --check');

await runMain(async () => {
  program.parse();
  const [scenario] = program.processedArgs;
  const o = program.opts();
  if (o.reset === o.check) throw new CliError('ONE_ACTION', 'give exactly one of --reset or --check');
  if (o.reset) return resetScenario(scenario);
  const missing = await checkScenario(scenario);
  if (missing.length > 0) throw new CliError('NOT_DONE', `scenario ${scenario} is not done yet:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  console.log(`scenario ${scenario}: done.`);
});
