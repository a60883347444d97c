import { join, resolve } from 'node:path';
import { isoDate } from '@cd4ml/cli';
import { servedModel } from '@cd4ml/deploy';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { expandPaths, MonitorError, monitorFiles, notJudgedReason, readMonitorSettings, writeMonitorReports, type MonitorDefinition, type MonitorReport } from '@cd4ml/monitoring';
import type { Command } from '@commander-js/extra-typings';
import { hasKeys, loadDefinition } from '../load-definition.ts';

/** What an environment's instances have written, by the deploy lib's layout: one log per slot (those there now), the actuals shared. */
export const environmentLogs = (env: string) => ({ predictions: expandPaths([join(env, 'run/*/predictions.jsonl')]), actuals: [join(env, 'data/actuals.jsonl')] });

/** Loads a domain's monitor definition (the module its cd4ml.json names in `monitor.module`). */
export const loadMonitorDefinition = (root: string, specifier: string) => loadDefinition(root, specifier, 'monitor', 'a MonitorDefinition of @cd4ml/monitoring (defineMonitor({ spec, domain }))', hasKeys<MonitorDefinition>('spec', 'domain'));

/**
 * The `monitor` stage, the same for every domain: the served model (a folder, or what an
 * environment serves), its prediction logs and the actuals; writes monitor-report.json and
 * monitor-report.html; prints the verdict; exits 1 on an alert, naming the feature or slice, the
 * figure and the bar, so a pipeline can act on it.
 */
export function monitorCommand(program: Command): void {
  program
    .command('monitor')
    .description("Monitor a served model: drift of its traffic against its training profile, live accuracy on the actuals, alerts and reports. Exits 1 when a bar is crossed in the latest window. Inferred as <app>:monitor from the app's cd4ml.json (monitor).")
    .requiredOption('--definition <module>', "the domain's monitor definition: a package module (e.g. @acme/rentals-model/monitor) or a file")
    .requiredOption('--settings <file>', 'the monitoring bars and windows (YAML)')
    .option('--model <dir>', 'the served model artifact folder (with profile.json)')
    .option('--env <dir>', 'or: the environment whose live release to monitor, e.g. environments/production (its logs and actuals are read)')
    .option('--releases <dir>', 'where the releases are (with --env)', 'releases')
    .option('--predictions <paths...>', 'prediction logs (JSON lines; rotated files are read too; * matches within a folder name); with --env: its instances\' logs')
    .option('--actuals <paths...>', "actuals posted to the app (JSON lines); with --env: the environment's")
    .option('--actuals-csv <paths...>', 'actuals dropped as CSV files (a header with the key fields and the value)', [] as string[])
    .requiredOption('--out <dir>', 'folder for monitor-report.json and monitor-report.html')
    .option('--as-of <date>', 'last day of the window (default: the latest day of the data)', isoDate)
    .addHelpText('after', '\nExamples:\n  npx nx run <app>:monitor                                   # what production serves\n  npx nx run <app>:monitor -- --actuals-csv actuals.csv      # with actuals dropped as a CSV')
    .action(async (o) => {
      if (!o.model === !o.env) throw new MonitorError('NO_INPUT', 'give the model to monitor: either --model <dir> or --env <environment folder>');
      const env = o.env ? resolve(o.env) : undefined;
      const logs = env ? environmentLogs(env) : { predictions: [], actuals: [] };
      if (!o.predictions && !env) throw new MonitorError('NO_INPUT', 'give the prediction logs to read: --predictions <paths...> (or --env <environment folder>)');
      const definition = await loadMonitorDefinition(findWorkspaceRoot(), o.definition);
      const report = await monitorFiles({
        modelDir: o.model ?? (await servedModel(env!, resolve(o.releases))).modelDir,
        spec: definition.spec,
        domain: definition.domain,
        settings: await readMonitorSettings(o.settings),
        predictions: o.predictions ? expandPaths(o.predictions) : logs.predictions,
        actuals: o.actuals ? expandPaths(o.actuals) : logs.actuals,
        actualsCsv: expandPaths(o.actualsCsv),
        ...(o.asOf ? { asOf: o.asOf } : {}),
      });
      const written = await writeMonitorReports(o.out, report);
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
