import { integer, isoDate, runMain } from '@cd4ml/cli';
import { Command } from '@commander-js/extra-typings';
import { maxStores } from './catalogue.ts';
import { readFeedback } from '@cd4ml/monitoring';
import { feedback as feedbackDefinition } from '../feedback/feedback.ts';
import { defaultGenerateOptions, generateSnapshot } from './generate-snapshot.ts';

const d = defaultGenerateOptions;
const program = new Command('generate')
  .description('Write a seeded synthetic data snapshot in the schema of the Kaggle Favorita files, plus its manifest.\nThe same options give the same bytes.')
  .requiredOption('--out <dir>', 'snapshot directory to (re)write, atomically')
  .option('--seed <n>', 'random seed', integer({ min: 0 }), d.seed)
  .option('--stores <n>', `number of stores (1-${maxStores})`, integer({ min: 1, max: maxStores }), d.stores)
  .option('--items <n>', 'catalogue size, including the three workshop items', integer({ min: 3 }), d.items)
  .option('--start <date>', 'first sales day (YYYY-MM-DD, from 2013-01-01)', isoDate, d.start)
  .option('--end <date>', 'last sales day (YYYY-MM-DD)', isoDate, d.end)
  .option('--blank-promotion-days <n>', 'leading days whose onpromotion is blank', integer({ min: 0 }), d.blankPromotionDays)
  .option('--feedback <manifest>', 'fold in the outcomes fed back from production (written by sales-web:feedback), when that manifest exists')
  .addHelpText(
    'after',
    '\nExamples:\n  npx nx run sales-data:generate                                # the stage: data/raw/default, 1 store, 200 items, ~105k rows' +
      '\n  generate --out data/bench/10m/raw --stores 10 --items 2000   # ~10.3 million train.csv rows, ~20 s',
  );

await runMain(async () => {
  const { out, feedback: feedbackManifest, ...options } = program.parse().opts();
  const started = performance.now();
  const feedback = feedbackManifest ? await readFeedback(feedbackManifest, feedbackDefinition) : undefined;
  const manifest = await generateSnapshot(out, options, feedback && { rows: feedback.rows, dataVersion: feedback.manifest.dataVersion });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = Object.entries(manifest.files).map(([name, f]) => `${name} ${f.rows}`).join(', ');
  console.log(`generated ${out} in ${seconds}s: ${rows}`);
  if (feedback) console.log(`with ${feedback.rows.length} outcomes fed back (${feedbackManifest}, data version ${feedback.manifest.dataVersion.slice(0, 12)})`);
  console.log(`data version ${manifest.dataVersion.slice(0, 12)}`);
});
