import { runMain } from '@cd4ml/cli';
import { Command, InvalidArgumentError } from 'commander';
import { defaultIngestOptions, ingest } from './ingest.ts';

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
  return n;
};
const numberList = (name: string) => (v: string) => {
  const list = v.split(',').map((s) => s.trim());
  if (list.some((s) => !/^\d+$/.test(s))) throw new InvalidArgumentError(`${name} takes comma-separated integers, e.g. 44,45.`);
  return list.map(Number);
};
const isoDate = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError(`${name} takes a date as YYYY-MM-DD.`);
  return v;
};

const d = defaultIngestOptions;
const program = new Command('ingest')
  .description('Validate a raw Favorita-schema snapshot (synthetic or the real Kaggle files), filter it, denormalize it and split it by time.\ntrain.csv is streamed: the real 5 GB file never sits in memory.')
  .requiredOption('--raw <dir>', 'raw snapshot directory (with manifest.json; record one with the data CLI for files you bring)')
  .requiredOption('--out <dir>', 'output directory for train.csv, valid.csv, quarantine.csv, reference.json and the report')
  .option('--validation-days <n>', 'days at the end held out for validation', positive('--validation-days'), d.validationDays)
  .option('--stores <list>', 'keep only these stores, e.g. 44', numberList('--stores'))
  .option('--items <list>', 'keep only these items, e.g. 99197,105574,1963838', numberList('--items'))
  .option('--from <date>', 'first date kept (YYYY-MM-DD)', isoDate('--from'))
  .option('--to <date>', 'last date kept (YYYY-MM-DD)', isoDate('--to'))
  .option('--folds <n>', 'rolling backtest folds written to folds.json (0 for none)', positive('--folds'), d.backtest.folds)
  .option('--fold-days <n>', 'days in each backtest validation window', positive('--fold-days'), d.backtest.horizonDays)
  .option('--fold-step <n>', 'days between the ends of consecutive folds', positive('--fold-step'), d.backtest.stepDays)
  .addHelpText('after', '\nExample, the classic "one store, one year" extract of the real Kaggle train.csv:\n  ingest --raw data/raw/kaggle --out data/processed/kaggle-44 --stores 44 --from 2016-08-16 --to 2017-08-15');

interface Options {
  raw: string;
  out: string;
  validationDays: number;
  stores?: number[];
  items?: number[];
  from?: string;
  to?: string;
  folds: number;
  foldDays: number;
  foldStep: number;
}

await runMain(async () => {
  const opts = program.parse().opts<Options>();
  const started = performance.now();
  const filter = { stores: opts.stores, items: opts.items, from: opts.from, to: opts.to };
  const r = await ingest(opts.raw, opts.out, {
    validationDays: opts.validationDays,
    filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
    backtest: { folds: opts.folds, horizonDays: opts.foldDays, stepDays: opts.foldStep },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `ingested ${opts.raw} -> ${opts.out} in ${seconds}s: ${r.rows.in} rows in = ${r.rows.train} train + ${r.rows.valid} valid ` +
      `+ ${r.rows.quarantined} quarantined + ${r.rows.excludedByFilter} outside the filter + ${r.rows.excludedByPolicy.returns} returns excluded`,
  );
  console.log(`train ${r.split.trainStart}..${r.split.trainEnd}, validation ${r.split.validStart}..${r.split.validEnd}`);
  if (r.folds.length > 0) console.log(`${r.folds.length} backtest folds in ${opts.out}/folds.json`);
  if (r.rows.quarantined > 0) console.log(`see ${opts.out}/quarantine.csv for the quarantined rows and their reasons`);
});
