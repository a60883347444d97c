import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { buildManifest, readManifest, verifyManifest, writeManifest } from './manifest.ts';
import { CliError, runMain } from '@cd4ml/cli';
import { DirectoryStore } from './snapshot/content-store.ts';
import { diffManifests, formatChanges } from './snapshot/diff-manifest.ts';
import { pullSnapshot, pushSnapshot } from './snapshot/push-pull.ts';

// The data CLI: domain-agnostic, it works on any folder of CSV files with a manifest.
const program = new Command('data').description('Data snapshots: record, compare, verify, push and pull CSV snapshots described by a manifest (sha256, bytes, rows, schema hash).');
const manifestOption = '--manifest <file>';
const manifestHelp = 'manifest file (default: <dir>/manifest.json)';
const csvNames = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
const manifestPath = (dir: string, given?: string) => given ?? join(dir, 'manifest.json');

program
  .command('status')
  .description('report what changed in <dir> since its manifest: files added, removed or changed, row deltas, schema changes')
  .argument('<dir>', 'snapshot directory')
  .option(manifestOption, manifestHelp)
  .option('--exit-code', 'exit 1 when anything changed (for scripts and CI)')
  .action(async (dir, o) => {
    const recorded = await readManifest(manifestPath(dir, o.manifest));
    const now = await buildManifest(dir, await csvNames(dir));
    const changes = diffManifests(recorded, now);
    console.log(formatChanges(changes));
    const changed = changes.filter((c) => c.change !== 'unchanged').length;
    console.log(changed === 0 ? `clean: ${dir} matches data version ${recorded.dataVersion.slice(0, 12)}` : `${changed} file(s) differ from data version ${recorded.dataVersion.slice(0, 12)}; record a new snapshot with: data record ${dir}`);
    if (changed > 0 && o.exitCode) process.exitCode = 1;
  });

program
  .command('record')
  .description('record a new snapshot: write the manifest of every CSV file in <dir> (atomically)')
  .argument('<dir>', 'snapshot directory, e.g. the real Kaggle files in data/raw/kaggle')
  .option(manifestOption, manifestHelp)
  .option('--copy-to <file>', 'also write the manifest here, e.g. data/snapshots/kaggle.manifest.json to commit it')
  .option('--source <key=value...>', 'facts about where the data came from, stored in the manifest')
  .action(async (dir, o) => {
    const names = await csvNames(dir);
    if (names.length === 0) throw new CliError('NO_DATA', `${dir} holds no .csv files to record.`);
    const source: Record<string, string> = Object.fromEntries((o.source ?? []).map((kv): [string, string] => [kv.split('=')[0] ?? '', kv.split('=').slice(1).join('=')]));
    const manifest = await buildManifest(dir, names, source);
    for (const path of [manifestPath(dir, o.manifest), o.copyTo].filter((p): p is string => !!p)) await writeManifest(path, manifest);
    console.log(`recorded ${names.length} file(s) in ${dir}: data version ${manifest.dataVersion.slice(0, 12)}`);
  });

program
  .command('verify')
  .description('check that the files in <dir> are exactly those of the manifest; exit 1 naming each difference')
  .argument('<dir>', 'snapshot directory')
  .option(manifestOption, manifestHelp)
  .action(async (dir, o) => {
    const manifest = await readManifest(manifestPath(dir, o.manifest));
    await verifyManifest(dir, manifest);
    console.log(`verified ${Object.keys(manifest.files).length} file(s) in ${dir} against data version ${manifest.dataVersion.slice(0, 12)}`);
  });

program
  .command('push')
  .description('upload the snapshot in <dir> to a content-addressed store (files by sha256, manifest by data version)')
  .argument('<dir>', 'snapshot directory')
  .requiredOption('--store <dir>', 'store directory (a local or mounted folder)')
  .option(manifestOption, manifestHelp)
  .action(async (dir, o) => {
    const manifest = await readManifest(manifestPath(dir, o.manifest));
    const r = await pushSnapshot(dir, manifest, new DirectoryStore(o.store));
    console.log(`pushed data version ${manifest.dataVersion.slice(0, 12)} to ${o.store}: ${r.uploaded} uploaded, ${r.present} already there`);
  });

program
  .command('pull')
  .description('download the snapshot a manifest describes from a store into <dir>, checking every sha256')
  .argument('<dir>', 'target directory')
  .requiredOption('--store <dir>', 'store directory')
  .requiredOption(manifestOption, 'manifest to pull, e.g. a committed data/snapshots/<name>.manifest.json')
  .action(async (dir, o) => {
    const manifest = await readManifest(o.manifest);
    await pullSnapshot(manifest, new DirectoryStore(o.store), dir);
    console.log(`pulled data version ${manifest.dataVersion.slice(0, 12)} into ${dir} (${Object.keys(manifest.files).length} files verified)`);
  });

program.addHelpText('after', `\nExamples:\n  data record data/raw/kaggle --copy-to data/snapshots/kaggle.manifest.json\n  data status data/raw/kaggle\n  data push data/raw/kaggle --store /mnt/data-store\n  data pull data/raw/kaggle --store /mnt/data-store --manifest data/snapshots/kaggle.manifest.json`);

await runMain(async () => {
  await program.parseAsync();
});
