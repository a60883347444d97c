import { resolve } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { addFeedback, collectFeedback, expandPaths, type FeedbackDefinition, type FeedbackSources } from '@cd4ml/monitoring';
import type { Command } from '@commander-js/extra-typings';
import { hasKeys, loadDefinition } from '../load-definition.ts';
import { environmentLogs } from '../monitor/monitor-command.ts';

/** Loads a domain's feedback definition (the module its cd4ml.json names in `feedback.module`). */
export const loadFeedbackDefinition = (root: string, specifier: string) =>
  loadDefinition(root, specifier, 'feedback', 'a FeedbackDefinition of @cd4ml/monitoring (defineFeedback({ keys, columns, outcome, row }))', hasKeys<FeedbackDefinition>('keys', 'columns', 'outcome', 'row'));

/**
 * Feeds production's outcomes back: the actuals joined with the logged forecasts, outcomes only,
 * added to the feedback snapshot behind `manifest`. Returns what to say about it.
 */
export async function feedOutcomesBack(definition: FeedbackDefinition, sources: FeedbackSources, manifest: string): Promise<{ lines: string[]; skipped: string[] }> {
  const found = await collectFeedback(definition, sources);
  const written = await addFeedback(manifest, found.outcomes, definition, { joined: found.outcomes.length });
  const skipped = found.skipped.slice(0, 5).map((s) => `skipped ${s.file}:${s.line}: ${s.reason}`);
  if (found.skipped.length > 5) skipped.push(`... and ${found.skipped.length - 5} more lines skipped`);
  return {
    lines: [
      `feedback: ${found.actuals} actuals, ${found.outcomes.length} joined with a forecast (${found.unforecast} without one, left out); ${written.added} new, ${written.replaced} replaced (the latest wins); the snapshot holds ${written.rows} outcomes`,
      written.manifest && (written.added > 0 || written.replaced > 0) ? `wrote ${manifest} (data version ${written.manifest.dataVersion.slice(0, 12)})` : `nothing new: ${manifest} ${written.manifest ? 'is unchanged' : 'was not written'}`,
    ],
    skipped,
  };
}

/** The `feedback` stage, the same for every domain. */
export function feedbackCommand(program: Command): void {
  program
    .command('feedback')
    .description(
      "Close the data feedback loop: join the actuals with the logged forecasts (by the domain's keys; the latest actual wins), " +
        "keep the outcomes only (the domain's feedback definition), and add them to a feedback snapshot with its manifest. The " +
        "domain's data stage folds that snapshot in, so the pipeline reruns exactly the stages downstream of it.",
    )
    .requiredOption('--definition <module>', "the domain's feedback definition: a package module (e.g. @acme/rentals-data/feedback) or a file")
    .option('--env <dir>', "the environment whose instances' logs and actuals to read, e.g. environments/production")
    .option('--predictions <paths...>', 'prediction logs (JSON lines; rotated files too; * matches within a folder name)')
    .option('--actuals <paths...>', 'actuals posted to the app (JSON lines)')
    .option('--actuals-csv <paths...>', 'actuals dropped as CSV files (a header with the key fields and the value)', [] as string[])
    .requiredOption('--out <manifest>', 'the feedback snapshot manifest, e.g. data/feedback/default.manifest.json (its data goes in data/feedback/default/)')
    .addHelpText('after', '\nExamples:\n  npx nx run <app>:feedback     # what production logged and was told\n  npm run pipeline              # then the data stage folds it in, and what follows reruns')
    .action(async (o) => {
      const logs = o.env ? environmentLogs(resolve(o.env)) : { predictions: [], actuals: [] };
      const definition = await loadFeedbackDefinition(findWorkspaceRoot(), o.definition);
      const r = await feedOutcomesBack(definition, { predictions: o.predictions ? expandPaths(o.predictions) : logs.predictions, actuals: o.actuals ? expandPaths(o.actuals) : logs.actuals, actualsCsv: expandPaths(o.actualsCsv) }, o.out);
      for (const line of r.skipped) console.error(line);
      for (const line of r.lines) console.log(line);
      console.log('Next: npm run pipeline');
    });
}
