import { join } from 'node:path';
import { integer, integerList, isoDate, runMain } from '@cd4ml/cli';
import { Command } from '@commander-js/extra-typings';
import { defaultIngestOptions, ingest, INGEST_FILES } from './ingest.ts';

const d = defaultIngestOptions;
const program = new Command('ingest')
  .description(
    'Validate a raw Favorita-schema snapshot (synthetic or the real Kaggle files), filter it, denormalize it and split it by time.\n' +
      'train.csv is streamed: the real 5 GB file never sits in memory. A row that breaks a rule goes to quarantine.csv with its reason.',
  )
  .requiredOption('--raw <dir>', 'raw snapshot directory, with manifest.json (record one for files you bring: npx tsx libs/cd4ml/data/src/cli.ts record <dir>)')
  .requiredOption('--out <dir>', 'output directory for train.csv, valid.csv, quarantine.csv, reference.json, folds.json and the report')
  .option('--validation-days <n>', 'days at the end held out for validation', integer({ min: 1 }), d.validationDays)
  .option('--stores <list>', 'keep only these stores, e.g. 44', integerList)
  .option('--items <list>', 'keep only these items, e.g. 99197,105574,1963838', integerList)
  .option('--from <date>', 'first date kept (YYYY-MM-DD)', isoDate)
  .option('--to <date>', 'last date kept (YYYY-MM-DD)', isoDate)
  .option('--as-of <date>', 'latest plausible date of a row; later rows are quarantined (default: tomorrow)', isoDate)
  .option('--folds <n>', 'rolling backtest folds written to folds.json (0 for none; fewer when they do not fit)', integer({ min: 0 }), d.backtest.folds)
  .option('--fold-days <n>', 'days in each backtest validation window', integer({ min: 1 }), d.backtest.horizonDays)
  .option('--fold-step <n>', 'days between the ends of consecutive folds', integer({ min: 1 }), d.backtest.stepDays)
  .addHelpText(
    'after',
    '\nExamples:\n  npx nx run sales-data:ingest      # the stage: data/raw/default -> data/processed/default' +
      '\n  ingest --raw data/raw/kaggle --out data/processed/kaggle-44 --stores 44 --from 2016-08-16 --to 2017-08-15' +
      '\n                                    # the classic "one store, one year" extract of the real Kaggle train.csv',
  );

await runMain(async () => {
  const o = program.parse().opts();
  const started = performance.now();
  const r = await ingest(o.raw, o.out, {
    validationDays: o.validationDays,
    filter: { stores: o.stores, items: o.items, from: o.from, to: o.to },
    backtest: { folds: o.folds, horizonDays: o.foldDays, stepDays: o.foldStep },
    asOf: o.asOf,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = r.rows;
  console.log(
    `ingested ${o.raw} -> ${o.out} in ${seconds}s: ${rows.lines} lines, ${rows.in} rows in = ${rows.train} train + ${rows.valid} valid ` +
      `+ ${rows.quarantined} quarantined + ${rows.excludedByFilter} outside the filter + ${rows.excludedByPolicy.returns} returns excluded`,
  );
  console.log(`train ${r.split.trainStart}..${r.split.trainEnd}, validation ${r.split.validStart}..${r.split.validEnd}`);
  console.log(`${r.folds.length} backtest fold(s) in ${join(o.out, INGEST_FILES.folds)}`);
  for (const note of r.notes) console.log(`note: ${note}`);
  if (rows.quarantined > 0) console.log(`see ${join(o.out, INGEST_FILES.quarantine)} for the quarantined rows and their reasons`);
});
