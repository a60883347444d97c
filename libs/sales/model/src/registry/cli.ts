import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runMain } from '@cd4ml/data';
import { promote, readRegistry, RegistryError, rollback } from '@cd4ml/registry';
import { Command } from 'commander';
import type { GateReport } from '../gate/gate-sales-model.ts';

const program = new Command('registry').description('Model registry: candidates in a content-addressed local store, aliases (champion, challenger) in a committed file.');
program
  .option('--registry <file>', 'committed registry file with the aliases', 'registry/sales-forecast.json')
  .option('--store <dir>', 'local content-addressed candidate store', 'registry/store/sales-forecast');
const globals = () => program.opts<{ registry: string; store: string }>();

/** Reads a stored candidate's gate report, found by sha256 prefix. */
async function candidate(store: string, ref: string): Promise<GateReport & { dir: string }> {
  const names = (await readdir(store).catch(() => [] as string[])).filter((n) => n.startsWith(ref.slice(0, 16)));
  if (names.length !== 1) throw new RegistryError(names.length ? 'AMBIGUOUS' : 'NOT_FOUND', `${names.length ? 'several' : 'no'} candidates match ${ref} in ${store}. Run the gate first: npx nx run sales-model:gate`);
  const dir = join(store, names[0]!);
  const file = join(dir, 'gates.json');
  let report: GateReport;
  try {
    report = JSON.parse(await readFile(file, 'utf8')) as GateReport;
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new RegistryError('INVALID', `${file} ${reason} (${(error as Error).message}). Re-run the gate to store the candidate again: npx nx run sales-model:gate`);
  }
  return { ...report, dir };
}

program
  .command('list')
  .description('aliases and the candidates in the local store')
  .action(async () =>
    runMain(async () => {
      const { registry, store } = globals();
      const reg = await readRegistry(registry);
      for (const [alias, e] of Object.entries(reg.aliases)) console.log(`${alias.padEnd(10)} ${e.key.slice(0, 16)} ${e.modelVersion} ${e.metric ? `${e.metric.name} ${e.metric.value.toFixed(4)}` : ''} since ${e.at}`);
      if (Object.keys(reg.aliases).length === 0) console.log(`no aliases in ${registry} yet`);
      for (const name of await readdir(store).catch(() => [] as string[])) {
        const c = await candidate(store, name);
        const nw = c.results.find((r) => r.gate === 'threshold')?.figure;
        console.log(`candidate  ${name} ${c.modelVersion} NWRMSLE ${nw?.toFixed(4)} data ${c.dataVersion.slice(0, 12)} gates ${c.passed ? 'passed' : 'FAILED'}`);
      }
    }),
  );

program
  .command('promote')
  .description('point an alias at a candidate that passed its gates')
  .argument('[sha]', 'sha256 (prefix) of the candidate; default: the model served from --served')
  .option('--alias <name>', 'alias to move', 'champion')
  .option('--served <dir>', 'served model directory written by the gate', 'dist/models/sales-forecast-gated')
  .option('--note <text>', 'why, for the history')
  .action(async (sha: string | undefined, o: { alias: string; served: string; note?: string }) =>
    runMain(async () => {
      const { registry, store } = globals();
      const ref = sha ?? (JSON.parse(await readFile(join(o.served, 'gates.json'), 'utf8').catch(() => {
        throw new RegistryError('NOT_FOUND', `no gates.json in ${o.served}: pass a candidate sha or run npx nx run sales-model:gate`);
      })) as GateReport).modelSha256;
      const c = await candidate(store, ref);
      if (!c.passed) throw new RegistryError('INVALID', `candidate ${c.modelVersion} failed its gates; only a passing candidate can be promoted`);
      const nwrmsle = c.results.find((r) => r.gate === 'threshold')!.figure;
      await promote(registry, o.alias, { key: c.modelSha256, modelVersion: c.modelVersion, metric: { name: 'nwrmsle', value: nwrmsle }, dataVersion: c.dataVersion, at: new Date().toISOString(), ...(o.note ? { note: o.note } : {}) }, c.name);
      console.log(`${o.alias} -> ${c.modelVersion} (${c.modelSha256.slice(0, 16)}, NWRMSLE ${nwrmsle.toFixed(4)}) in ${registry}; commit that file`);
    }),
  );

program
  .command('rollback')
  .description('move an alias back to the model it pointed at before')
  .option('--alias <name>', 'alias to move', 'champion')
  .action(async (o: { alias: string }) =>
    runMain(async () => {
      const { registry } = globals();
      const reg = await rollback(registry, o.alias);
      const e = reg.aliases[o.alias]!;
      console.log(`${o.alias} rolled back to ${e.modelVersion} (${e.key.slice(0, 16)}) in ${registry}; commit that file`);
    }),
  );

await program.parseAsync();
