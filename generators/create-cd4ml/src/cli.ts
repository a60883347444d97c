import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { DEFAULT_NAME, nameFromDirectory, normaliseOptions, OptionsError, templateDescriptions, templateNames, type RawOptions } from './options.ts';
import { canPrompt, oneShotCommand, promptMissing } from './prompts.ts';
import { scaffold } from './scaffold.ts';

// The package root: bin/ imports this file from src/ (in the repository) or from dist/ (packed).
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))).version;

const program = new Command('create-cd4ml')
  .description('Scaffold a workspace for Continuous Delivery of Machine Learning: data stages with data tests, a model with threshold and fairness gates, an app serving its ONNX model with contract tests, and a pipeline, all wired into Nx.')
  .version(version, '-v, --version')
  .argument('[directory]', 'folder to create (default: the project name)')
  .option('-t, --template <name>', `template: ${templateNames.join(' | ')}`)
  .option('-n, --name <name>', 'project name, an npm package name (default: the folder name)')
  .option('-y, --yes', 'take every default, ask nothing')
  .option('--no-install', 'do not install dependencies')
  .option('--no-git', 'do not initialise a git repository')
  .option('--dry-run', 'list the files it would write, and write nothing')
  .option('--json', 'print a machine-readable result (or error) on stdout')
  .option('--force', 'write into a non-empty folder (files the template holds are overwritten, and listed)')
  .addHelpText(
    'after',
    `\nTemplates:\n${templateNames.map((t) => `  ${t.padEnd(18)} ${templateDescriptions[t]}`).join('\n')}\n\nExamples:\n  npx create-cd4ml demo --template minimal --yes\n  npm create cd4ml demo -- --template sales-forecasting\n  npx create-cd4ml demo --dry-run --json`,
  );

async function main(): Promise<void> {
  const [directory] = program.parse().args;
  const o = program.opts();
  const raw: RawOptions = {
    ...(directory === undefined ? {} : { directory }),
    ...(o.name === undefined ? {} : { name: o.name }),
    ...(o.template === undefined ? {} : { template: o.template }),
    yes: o.yes === true,
    install: o.install,
    git: o.git,
    dryRun: o.dryRun === true,
    json: o.json === true,
    force: o.force === true,
  };
  const say = (line: string) => (raw.json ? process.stderr : process.stdout).write(`${line}\n`);
  const name = raw.name ?? (raw.directory === undefined ? undefined : nameFromDirectory(raw.directory));
  let resolved: RawOptions & { name: string; template: string };
  if (canPrompt(raw)) {
    const given = { name: name !== undefined && raw.name !== undefined, template: raw.template !== undefined, install: process.argv.includes('--no-install'), git: process.argv.includes('--no-git') };
    resolved = await promptMissing({ ...raw, ...(name === undefined ? {} : { name }) }, given);
    say(`\nThe same, in one command:\n  ${oneShotCommand({ ...resolved, ...(raw.directory === undefined ? {} : { directory: raw.directory }) })}\n`);
  } else if (raw.yes) {
    resolved = { ...raw, name: name ?? DEFAULT_NAME, template: raw.template ?? templateNames[0] };
  } else {
    const missing = [...(name === undefined ? ['a project name (create-cd4ml <directory>, or --name <name>)'] : []), ...(raw.template === undefined ? [`--template <${templateNames.join('|')}>`] : [])];
    if (missing.length > 0) throw new OptionsError('MISSING_OPTIONS', `no terminal to ask on, so give ${missing.join(' and ')}, or --yes to take the defaults.`);
    resolved = { ...raw, name: name!, template: raw.template! };
  }
  const options = normaliseOptions(resolved);
  const result = await scaffold(options, packageRoot, version, say);
  if (raw.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (result.tree) {
    for (const f of result.tree) say(`  ${f.path}  (${f.bytes} bytes)`);
    say(`dry run: ${result.files} files, ${(result.bytes / 1024).toFixed(0)} KiB would be written to ${options.directory}; nothing was written.`);
    return;
  }
  const cd = relative(process.cwd(), options.directory);
  say(`\nDone. Next:\n  cd ${cd || '.'}\n${result.nextSteps.map((c) => `  ${c}`).join('\n')}`);
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = 'code' in err && typeof err.code === 'string' ? err.code : 'UNEXPECTED';
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ok: false, error: { code, message: err.message } }, null, 2)}\n`);
  else if ((err as { name?: string }).name === 'ExitPromptError') process.stderr.write('cancelled: nothing was written\n');
  else process.stderr.write(`create-cd4ml: ${err.message}\n${code === 'UNEXPECTED' && process.env['CD4ML_DEBUG'] ? `${err.stack}\n` : ''}`);
  process.exitCode = 1;
});
