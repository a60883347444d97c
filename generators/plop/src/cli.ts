import { join } from 'node:path';
import { CliError, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command, CommanderError } from '@commander-js/extra-typings';
import nodePlop, { type NodePlopAPI } from 'node-plop';
import { z } from 'zod';
import { answersFromFlags, flagOf, missingFlagsMessage, oneShotCommand, readPrompts, type Flags } from './flags.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
/** Prompts only on a terminal, and never in CI: elsewhere a missing flag fails at once. */
const canPrompt = () => process.stdin.isTTY && process.stdout.isTTY && !process.env['CI'];
const flagsSchema = z.record(z.string(), z.union([z.string(), z.boolean()]).optional());

/** Runs one generator of the plopfile with answers from flags (asking for missing ones on a terminal). */
async function generate(plop: NodePlopAPI, name: string, flags: Flags): Promise<void> {
  const generator = plop.getGenerator(name);
  const prompts = readPrompts(name, generator.prompts);
  const { missing, problems, ...given } = await answersFromFlags(prompts, flags);
  let answers = given.answers;
  if (problems.length > 0) throw new CliError('INVALID_OPTIONS', `${name}: nothing was written:\n  ${problems.join('\n  ')}`);
  if (missing.length > 0) {
    if (!canPrompt()) throw new CliError('MISSING_OPTIONS', missingFlagsMessage(name, prompts, missing));
    // plop asks for what the flags did not give ("_" asks), with the same prompts and checks as `npx plop`.
    answers = z.record(z.string(), z.unknown()).parse(await generator.runPrompts(prompts.map((p) => (flags[p.name] === undefined ? '_' : String(flags[p.name])))));
    say(`\nThe same, in one command:\n  ${oneShotCommand(name, prompts, answers)}\n`);
  }
  const { failures } = await generator.runActions(answers, {
    // node-plop names files from the workspace root with a leading slash: shown as workspace paths.
    onSuccess: (change) => say(`✔ ${change.type} ${change.path.replaceAll('\n -> /', '\n    ').replace(/^\//, '')}`),
    onComment: say,
  });
  if (failures.length > 0) {
    throw new CliError('GENERATE_FAILED', `${name} failed:\n  ${failures.map((f) => `${f.type} ${f.path}: ${f.error}`).join('\n  ')}`);
  }
}

await runMain(async () => {
  const root = findWorkspaceRoot(process.cwd());
  const plop = await nodePlop(join(root, 'plopfile.js'), { destBasePath: root, force: false });
  const program = new Command('generate')
    .description('Add a project or a stage to this cd4ml workspace, wired into Nx and the pipeline (the same generators as `npx plop`).')
    .exitOverride()
    .addHelpText('after', '\nExamples:\n  npm run generate -- data-lib --name weather-data\n  npm run generate -- model-lib --name weather-model --data weather-data:validate\n  npm run generate -- web-app --name weather-web --model weather-model:gate\n  npm run generate -- stage --project weather-data --stage enrich --reads weather-data:generate --pipeline');
  for (const { name, description } of plop.getGeneratorList()) {
    const command = program.command(name).description(description).exitOverride();
    const prompts = readPrompts(name, plop.getGenerator(name).prompts);
    for (const p of prompts) command.option(flagOf(p), `${p.message}${p.type === 'input' ? ` (e.g. ${p.example}${p.default === undefined ? '' : '; optional'})` : ''}`);
    command.action(async () => generate(plop, name, flagsSchema.parse(command.opts())));
  }
  try {
    await program.parseAsync();
  } catch (error) {
    // Commander has printed its own message (or the help); only the exit code is left to set.
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode;
  }
});
