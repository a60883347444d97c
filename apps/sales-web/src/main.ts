import { addServeOptions, serve } from '@cd4ml/serving';
import { Command } from '@commander-js/extra-typings';
import { createApp, SALES_READINESS } from './app.ts';
import { ForecastModel } from './forecast-model.ts';
import { predictionLine } from './log-schema/log-schema.ts';
import { uiBundle } from './ui-bundle.ts';

// The standard serving command line (@cd4ml/serving), read once at start-up, from options or the
// environment; no path has a default.
const program = addServeOptions(new Command('sales-web').description('Serve a sales forecast model: JSON API, web UI, /health, /ready and /metrics.')).addHelpText(
  'after',
  '\nRun it through Nx, which passes the gated model: npx nx serve sales-web',
);

await serve({
  name: 'sales-web',
  options: program.parse().opts(),
  load: (dir) => ForecastModel.load(dir),
  readiness: SALES_READINESS,
  predictionLine,
  app: createApp,
  example: (base) => `curl '${base}/api/v1/forecast?date=2017-08-16&item_nbr=99197'`,
  // The UI is bundled before listening, so a broken UI shows up at start, not on a user's first visit.
  prepare: () => uiBundle().then(
    () => undefined,
    (error: unknown) => console.error(`sales-web: the web UI could not be bundled; the API still serves: ${error instanceof Error ? error.message : String(error)}`),
  ),
});
