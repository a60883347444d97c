import { runMain } from '@cd4ml/cli';
import { parseIsoDate } from '@cd4ml/calendar';
import { Command, InvalidArgumentError } from 'commander';
import { defaultGenerateOptions, generateSnapshot } from './generate-snapshot.ts';

const integer = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer.`);
  return n;
};

const date = (name: string) => (value: string) => {
  if (parseIsoDate(value) === undefined) throw new InvalidArgumentError(`${name} must be a calendar date as YYYY-MM-DD.`);
  return value;
};

const d = defaultGenerateOptions;
const program = new Command('generate')
  .description('Write a seeded synthetic data snapshot in the schema of the Kaggle Favorita files, plus its manifest.')
  .requiredOption('--out <dir>', 'snapshot directory to (re)write')
  .option('--seed <n>', 'random seed', integer('--seed'), d.seed)
  .option('--stores <n>', 'number of stores (1-10)', integer('--stores'), d.stores)
  .option('--items <n>', 'catalogue size, including the three workshop items', integer('--items'), d.items)
  .option('--start <date>', 'first sales day (YYYY-MM-DD)', date('--start'), d.start)
  .option('--end <date>', 'last sales day (YYYY-MM-DD)', date('--end'), d.end)
  .option('--blank-promotion-days <n>', 'leading days whose onpromotion is blank', integer('--blank-promotion-days'), d.blankPromotionDays)
  .addHelpText('after', '\nExamples:\n  generate --out data/raw/default                             # the default: 1 store, 200 items, ~105k rows\n  generate --out data/bench/10m/raw --stores 10 --items 2000  # ~10.3 million train.csv rows, ~20 s');

await runMain(async () => {
  const opts = program.parse().opts<{ out: string } & typeof d>();
  const started = performance.now();
  const manifest = await generateSnapshot(opts.out, opts);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = Object.entries(manifest.files).map(([name, f]) => `${name} ${f.rows}`).join(', ');
  console.log(`generated ${opts.out} in ${seconds}s: ${rows}`);
  console.log(`data version ${manifest.dataVersion.slice(0, 12)}`);
});
