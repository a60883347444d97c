import { resolve } from 'node:path';
import { isoDate, runMain } from '@cd4ml/cli';
import { servedModel } from '@cd4ml/deploy';
import { Command } from '@commander-js/extra-typings';
import type { z } from 'zod';
import type { MonitorDomain } from '../monitor/monitor-domain.ts';
import { monitorFiles, writeMonitorReports } from '../monitor/monitor-files.ts';
import { notJudgedReason, type MonitorReport } from '../monitor/monitor-report.ts';
import { MonitorError } from '../monitor-error.ts';
import type { MonitorSettings } from '../settings.ts';
import { expandPaths } from './expand-paths.ts';

/** What a domain gives the platform's monitor CLI. */
export interface MonitorCliOptions<S extends z.ZodType> {
  /** The model's name, for the help text, e.g. "rentals-forecast". */
  model: string;
  spec: S;
  domain: (spec: z.infer<S>) => MonitorDomain;
  /** Reads the `monitoring:` settings from the domain's params file (with its schema). */
  readSettings: (paramsPath: string) => Promise<MonitorSettings>;
  /** Lines appended to --help: how the domain's stage runs it. */
  examples: string;
}

/**
 * The `monitor` stage's command line, the same for every domain: reads the served model (a folder,
 * or the one an environment serves), its prediction logs and the actuals; writes
 * monitor-report.json and monitor-report.html; prints the verdict; exits 1 on an alert, naming
 * the feature or slice, the figure and the bar, so a pipeline can act on it.
 */
export async function monitorCli<S extends z.ZodType>(o: MonitorCliOptions<S>): Promise<void> {
  const program = new Command('monitor')
    .description(`Monitor the served ${o.model} model: drift of its traffic against its training profile, live accuracy on the actuals, alerts and reports.\nExits 1 when a bar is crossed in the latest window.`)
    .option('--model <dir>', 'the served model artifact folder (with profile.json)')
    .option('--env <dir>', 'or: the environment whose live release to monitor, e.g. environments/production')
    .option('--releases <dir>', 'where the releases are (with --env)', 'releases')
    .requiredOption('--predictions <paths...>', 'prediction logs (JSON lines; rotated files are read too; * matches within a folder name)')
    .option('--actuals <paths...>', 'actuals posted to the app (JSON lines)', [] as string[])
    .option('--actuals-csv <paths...>', 'actuals dropped as CSV files (a header with the key fields and the value)', [] as string[])
    .requiredOption('--params <file>', 'params file with the monitoring: section (windows and bars)')
    .requiredOption('--out <dir>', 'folder for monitor-report.json and monitor-report.html')
    .option('--as-of <date>', 'last day of the window (default: the latest day of the data)', isoDate)
    .addHelpText('after', `\n${o.examples}`);
  await runMain(async () => {
    const opts = program.parse().opts();
    if (!opts.model === !opts.env) throw new MonitorError('NO_INPUT', 'give the model to monitor: either --model <dir> or --env <environment folder>');
    const modelDir = opts.model ?? (await servedModel(resolve(opts.env!), resolve(opts.releases))).modelDir;
    const report = await monitorFiles({
      modelDir,
      spec: o.spec,
      domain: o.domain,
      settings: await o.readSettings(opts.params),
      predictions: expandPaths(opts.predictions),
      actuals: expandPaths(opts.actuals),
      actualsCsv: expandPaths(opts.actualsCsv),
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
    });
    const written = await writeMonitorReports(opts.out, report);
    console.log(summary(report));
    console.log(`wrote ${written.json} and ${written.html}`);
    if (report.alerts.length > 0) {
      throw new MonitorError('MONITOR_ALERT', `${report.alerts.length} monitoring alert(s) for model ${report.model.version}:\n${report.alerts.map((a) => `  - ${a.message}`).join('\n')}`);
    }
  });
}

/** The verdict in a few lines, for the terminal and the pipeline's log. */
export function summary(r: MonitorReport): string {
  const w = r.window ? `${r.window.from}..${r.window.to}` : 'no data';
  const m = r.accuracy.metrics;
  const live = m ? `${r.model.label} ${m[r.model.primary]} (validation ${r.model.validation[r.model.primary]}), MAE ${m['mae']}, bias ${m['bias']}` : 'no actuals joined';
  const worst = [...r.drift.features, ...(r.drift.prediction ? [r.drift.prediction] : [])].sort((a, b) => b.psi - a.psi)[0];
  return [
    `monitor: model ${r.model.version}, window ${w}: ${r.status}`,
    `  drift: ${r.drift.rows} forecasts${r.drift.judged ? '' : ` (not judged: ${notJudgedReason(r, r.drift)!})`}${worst ? `; largest PSI ${worst.psi} (${worst.name})` : ''}`,
    `  live accuracy: ${r.accuracy.rows} actuals${r.accuracy.judged ? '' : ` (not judged: ${notJudgedReason(r, r.accuracy)!})`}; ${live}`,
    `  inputs: ${r.inputs.predictions} forecasts logged, ${r.inputs.actuals} actuals, ${r.inputs.joined} joined, ${r.inputs.unforecast} without a forecast, ${r.inputs.smokeTest} smoke-test forecasts left out, ${r.inputs.skippedLines} lines skipped`,
  ].join('\n');
}
