import { integer, isoDate, runMain } from '@cd4ml/cli';
import { readFeedback } from '@cd4ml/monitoring';
import { Command } from '@commander-js/extra-typings';
import { feedback as definition } from '../feedback.ts';
import { generateRentals, RAW_FILE } from './generate-rentals.ts';

const program = new Command('generate')
  .description('Write the seeded synthetic snapshot of daily bike rentals per station, with its manifest. Same seed, same bytes.')
  .requiredOption('--out <dir>', 'snapshot folder to (re)write')
  .option('--seed <n>', 'random seed', integer({ min: 0 }), 2024)
  .option('--start <date>', 'first day (YYYY-MM-DD)', isoDate, '2023-01-01')
  .option('--days <n>', 'how many days', integer({ min: 28 }), 731)
  .option('--feedback <manifest>', 'fold in the outcomes fed back from production (rentals-web:feedback), when that manifest exists')
  .addHelpText('after', '\nRun it through Nx, which passes the folder: npx nx run rentals-data:generate');

await runMain(async () => {
  const o = program.parse().opts();
  const fed = o.feedback ? await readFeedback(o.feedback, definition) : undefined;
  const manifest = await generateRentals({ outDir: o.out, seed: o.seed, start: o.start, days: o.days, ...(fed ? { feedback: { rows: fed.rows, dataVersion: fed.manifest.dataVersion } } : {}) });
  console.log(`generated ${manifest.files[RAW_FILE]?.rows} rows in ${o.out}/${RAW_FILE} (data version ${manifest.dataVersion.slice(0, 12)})`);
  if (fed) console.log(`with ${fed.rows.length} outcomes fed back (${o.feedback}, data version ${fed.manifest.dataVersion.slice(0, 12)})`);
});
