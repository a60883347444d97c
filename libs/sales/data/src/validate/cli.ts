import { join } from 'node:path';
import { CliError, isoDate, number, runMain } from '@cd4ml/cli';
import { readManifest, writeManifest } from '@cd4ml/data';
import { replaceDirAtomic, writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { Command } from '@commander-js/extra-typings';
import { defaultBaselineRules } from './compare-baseline.ts';
import { validateSnapshot } from './validate-snapshot.ts';
import { validationReportHtml, validationSummary } from './validation-report.ts';

const r = defaultBaselineRules;
const program = new Command('validate')
  .description(
    'Data tests on the actual data: schema, nulls, types, ranges, keys, references (the same row rules as ingest), freshness, volume\n' +
      'and distribution shift against the previous snapshot, and the processed tables against the sales table contract.\n' +
      'Writes validation.json and validation.html; exits 1 when a check fails.',
  )
  .requiredOption('--raw <dir>', 'raw snapshot directory (with manifest.json)')
  .requiredOption('--processed <dir>', 'processed directory (written by ingest) to check against the sales table contract')
  .requiredOption('--baseline <file>', 'previous snapshot: a committed manifest with a profile; when the file does not exist yet, the comparisons are skipped')
  .requiredOption('--out <dir>', 'report directory (replaced atomically)')
  .option('--record-baseline', 'when every check passes, write this snapshot (manifest + profile) to --baseline: the new "previous snapshot"')
  .option('--as-of <date>', 'today for the freshness check and the latest plausible date of a row (YYYY-MM-DD; default: tomorrow)', isoDate)
  .option('--volume-tolerance <x>', 'largest relative row-count change against the baseline', number({ min: 0 }), r.volumeTolerance)
  .option('--max-psi <x>', 'largest population stability index before a shift fails', number({ min: 0 }), r.maxPsi)
  .option('--max-age-days <n>', 'largest age of the latest date before --as-of', number({ min: 0 }), r.maxAgeDays)
  .addHelpText(
    'after',
    '\nExamples:\n  npx nx run sales-data:validate    # the stage: generate, ingest, then these checks against data/snapshots/default.manifest.json' +
      '\n  validate --raw data/raw/kaggle --processed data/processed/kaggle-44 --baseline data/snapshots/kaggle.manifest.json --out data/reports/kaggle',
  );

await runMain(async () => {
  const o = program.parse().opts();
  const result = await validateSnapshot(o.raw, {
    baseline: o.baseline,
    processedDir: o.processed,
    asOf: o.asOf,
    rules: { volumeTolerance: o.volumeTolerance, maxPsi: o.maxPsi, maxAgeDays: o.maxAgeDays },
  });
  await replaceDirAtomic(o.out, async (tmp) => {
    await writeJsonAtomic(join(tmp, 'validation.json'), result);
    await writeFileAtomic(join(tmp, 'validation.html'), validationReportHtml(result));
  });
  console.log(validationSummary(result));
  console.log(`report: ${join(o.out, 'validation.html')} and validation.json`);
  if (!result.ok) {
    const failed = result.checks.filter((c) => c.status === 'fail').map((c) => c.check);
    throw new CliError('DATA_INVALID', `data validation failed: ${failed.join(', ')}. See the details above and ${join(o.out, 'validation.html')}.`);
  }
  if (o.recordBaseline) {
    const manifest = await readManifest(join(o.raw, 'manifest.json'));
    await writeManifest(o.baseline, { ...manifest, profile: { ...result.profile } });
    console.log(`recorded ${o.baseline} (data version ${manifest.dataVersion.slice(0, 12)}) as the previous snapshot for the next validation`);
  }
});
