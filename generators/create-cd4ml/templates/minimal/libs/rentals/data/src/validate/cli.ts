import { integer, isoDate, runMain } from '@cd4ml/cli';
import { Command } from '@commander-js/extra-typings';
import { validateRentals } from './validate-rentals.ts';

const program = new Command('validate')
  .description('Run the data tests on every row of the raw snapshot, then split it by time into train.csv and valid.csv with a manifest and validation.json.')
  .requiredOption('--raw <dir>', 'raw snapshot folder written by generate')
  .requiredOption('--out <dir>', 'processed folder to (re)write')
  .option('--valid-days <n>', 'days at the end of the data that form the validation window', integer({ min: 7 }), 91)
  .option('--from <date>', 'keep the rows from this day on (a sliding window; every row is still tested)', isoDate)
  .option('--to <date>', 'keep the rows up to this day', isoDate)
  .addHelpText('after', '\nRun it through Nx, which passes the folders: npx nx run rentals-data:validate');

await runMain(async () => {
  const o = program.parse().opts();
  const report = await validateRentals({ rawDir: o.raw, outDir: o.out, validDays: o.validDays, ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) });
  console.log(`validated ${String(report['rows'])} rows of ${o.raw}: every data test passed; split ${JSON.stringify(report['split'])} into ${o.out}`);
});
