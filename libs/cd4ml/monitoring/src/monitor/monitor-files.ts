import { SMOKE_REQUEST_PREFIX } from '@cd4ml/serving';
import type { z } from 'zod';
import { loadMonitoredModel } from './load-model.ts';
import { readActuals } from '../log/actuals.ts';
import { joinActuals } from '../log/join-actuals.ts';
import { readPredictions } from '../log/prediction-log.ts';
import type { MonitorSettings } from '../settings.ts';
import type { MonitorDomain } from './monitor-domain.ts';
import type { MonitorReport } from './monitor-report.ts';
import { runMonitor } from './run-monitor.ts';

/** Where the monitor reads from, and how a domain is made from the served model's spec. */
export interface MonitorFiles<S extends z.ZodType> {
  /** The served model's artifact folder (with profile.json). */
  modelDir: string;
  spec: S;
  domain: (spec: z.infer<S>) => MonitorDomain;
  settings: MonitorSettings;
  /** Prediction logs; each one's rotated files are read too. */
  predictions: readonly string[];
  /** Actuals posted to the app (JSON lines, rotated files too), and actuals dropped as CSV files. */
  actuals: readonly string[];
  actualsCsv?: readonly string[];
  asOf?: string;
}

/** Reads the served model, its logs and the actuals, and runs the monitor on them. */
export async function monitorFiles<S extends z.ZodType>(o: MonitorFiles<S>): Promise<MonitorReport> {
  const { model, spec } = await loadMonitoredModel(o.modelDir, o.spec);
  const domain = o.domain(spec);
  const logs = await readPredictions(o.predictions, domain.keys);
  // The smoke test replays the holdout after every deploy: past days, a few rows of each item. It is
  // not traffic, and in the window right after a deploy it would be most of what the model served.
  const traffic = logs.predictions.filter((p) => !p.requestId?.startsWith(SMOKE_REQUEST_PREFIX));
  const outcomes = await readActuals(o.actuals, o.actualsCsv ?? [], domain.keys);
  const { rows, unforecast } = joinActuals(traffic, outcomes.actuals);
  return runMonitor({
    domain,
    settings: o.settings,
    model,
    predictions: traffic,
    joined: rows,
    ...(o.asOf ? { asOf: o.asOf } : {}),
    sources: { predictionFiles: logs.files, actualsFiles: outcomes.files, actuals: outcomes.actuals.length, unforecast: unforecast.length, smokeTest: logs.predictions.length - traffic.length, skipped: [...logs.skipped, ...outcomes.skipped] },
  });
}
