import { CliError, runMain } from '@cd4ml/cli';
import { formatFigure } from '@cd4ml/evaluation';
import { GATES_FILE, gateReportSchema } from '@cd4ml/model-artifact';
import { readJsonFile } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promote, readRegistry, rollback } from '../aliases.ts';
import { readCandidate } from '../candidate-store.ts';

// The model registry's CLI, the same for every model of the layout. Its Nx target passes the paths:
//   npx nx run <model project>:registry -- list
const program = new Command('registry')
  .description('Model registry: candidates that passed their gates in a content-addressed local store, aliases (champion, challenger) in a committed file.')
  .requiredOption('--registry <file>', 'committed registry file with the aliases, e.g. registry/<model>.json')
  .requiredOption('--store <dir>', 'local content-addressed candidate store, e.g. registry/store/<model>')
  .option('--model <name>', 'model name, for a registry file that does not exist yet')
  .option('--served <dir>', 'served model folder written by the gate stage (the default candidate of promote)')
  .option('--project <name>', 'the Nx project of the model, for hints such as "npx nx run <project>:gate"');

const gateHint = () => `Run the gate first: npx nx run ${program.opts().project ?? '<project>'}:gate`;

program
  .command('list')
  .description('aliases and the candidates in the local store')
  .action(() =>
    runMain(async () => {
      const { registry, store } = program.opts();
      const reg = await readRegistry(registry);
      for (const [alias, e] of Object.entries(reg.aliases)) console.log(`${alias.padEnd(10)} ${e.key.slice(0, 16)} ${e.modelVersion} ${e.metric ? `${e.metric.name} ${formatFigure(e.metric.value)}` : ''} since ${e.at}`);
      if (Object.keys(reg.aliases).length === 0) console.log(`no aliases in ${registry} yet`);
      for (const name of (await readdir(store).catch(() => [] as string[])).sort()) {
        try {
          const c = await readCandidate(store, name, gateHint());
          console.log(`candidate  ${name} ${c.modelVersion} ${c.metric.name} ${formatFigure(c.metric.value)} data ${c.processedDataVersion.slice(0, 12)} gates ${c.passed ? 'passed' : 'FAILED'}`);
        } catch (error) {
          // One damaged candidate never hides the others.
          console.log(`candidate  ${name} UNREADABLE: ${(error as Error).message}`);
        }
      }
    }),
  );

program
  .command('promote')
  .description('point an alias at a candidate that passed its gates (verified against its content address first)')
  .argument('[sha]', 'sha256 (prefix) of the candidate; default: the model served from --served')
  .option('--alias <name>', 'alias to move', 'champion')
  .option('--note <text>', 'why, for the history')
  .action((sha, o) =>
    runMain(async () => {
      const { registry, store, served, model } = program.opts();
      let ref = sha;
      if (!ref) {
        if (!served) throw new CliError('EARG', 'give a candidate sha, or --served <dir> to promote the served model');
        ref = (await readJsonFile(join(served, GATES_FILE), gateReportSchema, { what: 'gate report', missingHint: gateHint() })).modelSha256;
      }
      const c = await readCandidate(store, ref, gateHint());
      if (!c.passed) throw new CliError('GATE_FAILED', `candidate ${c.modelVersion} failed its gates; only a passing candidate can be promoted`);
      const entry = {
        key: c.modelSha256,
        modelVersion: c.modelVersion,
        metric: c.metric,
        rawDataVersion: c.rawDataVersion,
        processedDataVersion: c.processedDataVersion,
        at: new Date().toISOString(),
        ...(o.note ? { note: o.note } : {}),
      };
      await promote(registry, o.alias, entry, model ?? c.name);
      console.log(`${o.alias} -> ${c.modelVersion} (${c.modelSha256.slice(0, 16)}, ${c.metric.name} ${formatFigure(c.metric.value)}) in ${registry}; commit that file`);
    }),
  );

program
  .command('rollback')
  .description('move an alias back to the model it pointed at before')
  .option('--alias <name>', 'alias to move', 'champion')
  .action((o) =>
    runMain(async () => {
      const { registry } = program.opts();
      const reg = await rollback(registry, o.alias);
      const e = reg.aliases[o.alias]!;
      console.log(`${o.alias} rolled back to ${e.modelVersion} (${e.key.slice(0, 16)}) in ${registry}; commit that file`);
    }),
  );

await program.parseAsync();
