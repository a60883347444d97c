import { join, resolve } from 'node:path';
import { integer } from '@cd4ml/cli';
import { checkPort, freePort } from '@cd4ml/deploy';
import { findWorkspaceRoot, writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { loadWorkspaceProjects } from '@cd4ml/pipeline/declarations';
import { Option, type Command } from '@commander-js/extra-typings';
import { assertPortFree } from './port.ts';
import { freshSimulationFolder } from './simulation-folder.ts';
import { loadSimulationSetup } from './simulation-setup.ts';
import { simulate } from './simulate.ts';
import { simulationReport } from './simulation-report.ts';
import { SimulationError } from './simulation-error.ts';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The `simulate` stage (`<app>:simulate`, `npm run simulate`), the same for every domain: the
 * app's declarations name the domain's world and changes; the domain's own options (`--items`, say)
 * join the command line once `--app` names the app.
 */
export async function simulateCommand(program: Command, argv: readonly string[]): Promise<void> {
  const app = argv[argv.indexOf('--app') + 1];
  const root = findWorkspaceRoot();
  // Loaded before parsing, for the domain's options; a problem surfaces when the command runs.
  const loaded = argv.includes('simulate') && argv.includes('--app') && app ? await Promise.resolve(loadWorkspaceProjects(root)).then((projects) => loadSimulationSetup(root, projects, app)).catch((error: Error) => error) : undefined;
  const definition = loaded instanceof Error ? undefined : loaded?.simulation;
  const d = { weeks: 7, changeDay: 7, trainingDays: 28, validationDays: 7, cooldownDays: 7, ...definition?.defaults };
  const command = program
    .command('simulate')
    .description(
      "Production in fast forward: replay weeks of the domain's synthetic traffic against the real app, day by day, post the actuals " +
        'after each day, inject a change, let the monitor catch it, feed the outcomes back, retrain and redeploy through the ' +
        "pipeline's own stages and the deploy lib, and watch the live error recover. Prints a timeline; writes simulation.html and " +
        'simulation.json. Everything lives in --out, with its own releases and production port. Inferred as <app>:simulate.',
    )
    .requiredOption('--app <project>', 'the app whose cd4ml.json declares release, monitor, feedback and simulate')
    .option('--weeks <n>', 'weeks of production', integer({ min: 1, max: 52 }), d.weeks)
    .option('--change-day <n>', 'day of production the change starts', integer({ min: 0 }), d.changeDay)
    .option('--change <kind>', `the change to inject${definition ? `: ${Object.entries(definition.changes).map(([k, c]) => `${k} (${c.description})`).join('; ')}` : ''} (default: the domain's)`)
    .option('--factor <x>', "size of the change (default: the change's own)", (v) => Number(v))
    .option('--seed <n>', 'seed of the world and of the change', integer({ min: 0 }), 7)
    .option('--training-days <n>', 'days every model learns from (a sliding window before the validation days); 0: all of history (a growing window)', integer({ min: 0 }), d.trainingDays)
    .option('--validation-days <n>', 'days held out for evaluation and the gates', integer({ min: 7 }), d.validationDays)
    .option('--cooldown-days <n>', 'days a new release is judged before another retrain', integer({ min: 1 }), d.cooldownDays)
    .addOption(new Option('--port <n>', "the simulation's production port (default: a free one)").env('CD4ML_SIMULATION_PORT').argParser(integer({ min: 1, max: 65535 })))
    .option('--out <dir>', 'work folder (default: dist/simulate/<app>)')
    .addHelpText('after', '\nExamples:\n  npm run simulate\n  npx nx run <app>:simulate -- --weeks 10 --seed 3 --change <kind> --factor 2');
  for (const [name, option] of Object.entries(definition?.options ?? {})) {
    command.addOption(new Option(`--${name} <n>`, option.description).argParser(integer({ min: option.min, ...(option.max === undefined ? {} : { max: option.max }) })).default(option.default));
  }
  command.action(async (o) => {
    if (loaded instanceof Error) throw loaded;
    if (!loaded) throw new SimulationError('BAD_OPTION', `no app named ${o.app}`);
    const s = loaded.simulation;
    const change = o.change ?? s.defaultChange;
    const factor = o.factor ?? s.changes[change]?.factor;
    if (!s.changes[change]) throw new SimulationError('BAD_OPTION', `--change ${change}: ${o.app}'s simulation offers ${Object.keys(s.changes).join(', ')}`);
    if (factor === undefined || !Number.isFinite(factor) || factor <= 0) throw new SimulationError('BAD_OPTION', `--factor must be a positive number, not ${String(factor)}`);
    if (o.trainingDays > 0 && o.trainingDays < 14) throw new SimulationError('BAD_OPTION', `--training-days ${o.trainingDays} leaves too little to learn from: give 14 or more, or 0 for all of history`);
    if (o.trainingDays === 0 && !s.historyStart) throw new SimulationError('BAD_OPTION', `--training-days 0 (all of history) needs the domain's historyStart, which ${o.app}'s simulation does not give`);
    if (o.changeDay >= o.weeks * 7) throw new SimulationError('BAD_OPTION', `--change-day ${o.changeDay} is after the last day (${o.weeks * 7 - 1}): choose an earlier day or more --weeks`);
    const all: Record<string, unknown> = command.opts();
    const domain = Object.fromEntries(Object.keys(s.options ?? {}).map((name) => [name, Number(all[camel(name)])]));
    const port = o.port ?? (await freePort());
    if (o.port !== undefined) {
      checkPort(String(o.port), process.env['CD4ML_SIMULATION_PORT'] === undefined ? '--port' : 'CD4ML_SIMULATION_PORT');
      await assertPortFree(o.port, process.env['CD4ML_SIMULATION_PORT'] === undefined ? '--port' : 'CD4ML_SIMULATION_PORT');
    }
    const out = resolve(o.out ?? join('dist', 'simulate', o.app));
    await freshSimulationFolder(out);
    const options = { weeks: o.weeks, changeDay: o.changeDay, change, factor, seed: o.seed, trainingDays: o.trainingDays, validationDays: o.validationDays, cooldownDays: o.cooldownDays, port, domain };
    console.log(`simulation of ${o.app} in ${out}, production on http://127.0.0.1:${port}`);
    const result = await simulate({ ...loaded, dir: out, stages: loaded.stagesIn(out), say: (line) => console.log(line) }, options);
    const html = join(out, 'simulation.html');
    await writeFileAtomic(html, simulationReport(o.app, options, result));
    await writeJsonAtomic(join(out, 'simulation.json'), { app: o.app, options, ...result, report: undefined });
    const last = result.days.at(-1)!;
    console.log(`detected on day ${result.detectedDay ?? 'never'}; recovered on day ${result.recoveredDay ?? 'never'}; retrained on day(s) ${result.retrainDays.join(', ') || 'none'}; last day: monitor ${last.status} on model ${last.modelVersion} (${result.seconds}s)`);
    console.log(`wrote ${html}`);
  });
}
