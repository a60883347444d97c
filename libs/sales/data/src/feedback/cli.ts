import { runMain } from '@cd4ml/cli';
import { expandPaths } from '@cd4ml/monitoring';
import { Command } from '@commander-js/extra-typings';
import { collectFeedback } from './collect-feedback.ts';
import { addFeedback } from './feedback-snapshot.ts';

const program = new Command('feedback')
  .description(
    'Close the data feedback loop: join the actuals with the logged forecasts (by date, store and item; the latest actual wins),\n' +
      'keep the outcomes only, and add them to a feedback snapshot with its manifest. The generate stage folds that snapshot\n' +
      'into the raw data, so the pipeline reruns exactly the stages downstream of it.',
  )
  .requiredOption('--predictions <paths...>', 'prediction logs (JSON lines; rotated files too; * matches within a folder name)')
  .option('--actuals <paths...>', 'actuals posted to the app (JSON lines)', [] as string[])
  .option('--actuals-csv <paths...>', 'actuals dropped as CSV files (date,store_nbr,item_nbr,unit_sales)', [] as string[])
  .requiredOption('--out <manifest>', 'the feedback snapshot manifest, e.g. data/feedback/default.manifest.json (its data goes in data/feedback/default/)')
  .addHelpText('after', '\nExamples:\n  npx nx run sales-web:feedback          # what production logged and was told, into data/feedback/default\n  npm run pipeline                       # then: generate folds it in, ingest, validate, train, gate... rerun');

await runMain(async () => {
  const o = program.parse().opts();
  const found = await collectFeedback({ predictions: expandPaths(o.predictions), actuals: expandPaths(o.actuals), actualsCsv: expandPaths(o.actualsCsv) });
  for (const s of found.skipped.slice(0, 5)) console.error(`skipped ${s.file}:${s.line}: ${s.reason}`);
  if (found.skipped.length > 5) console.error(`... and ${found.skipped.length - 5} more lines skipped`);
  const written = await addFeedback(o.out, found.rows, { joined: found.rows.length });
  console.log(
    `feedback: ${found.actuals} actuals, ${found.rows.length} joined with a forecast (${found.unforecast} without one, left out); ` +
      `${written.added} new, ${written.replaced} replaced (the latest wins); the snapshot holds ${written.rows} outcomes`,
  );
  console.log(`wrote ${o.out} (data version ${written.manifest.dataVersion.slice(0, 12)}). Next: npm run pipeline`);
});
