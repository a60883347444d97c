import { addServeOptions, serve } from '@cd4ml/serving';
import { Command } from '@commander-js/extra-typings';
import { createApp, RENTALS_READINESS } from './app.ts';
import { ForecastModel } from './forecast-model.ts';
import { predictionLine } from './forecast-routes.ts';

// The standard serving command line (@cd4ml/serving): the platform starts every release with it.
const program = addServeOptions(new Command('rentals-web').description('Serve the rentals forecast: JSON API, /health, /ready and /metrics.')).addHelpText(
  'after',
  '\nRun it through Nx, which passes the gated model: npx nx run rentals-web:serve',
);

await serve({
  name: 'rentals-web',
  options: program.parse().opts(),
  load: (dir) => ForecastModel.load(dir),
  readiness: RENTALS_READINESS,
  predictionLine,
  app: createApp,
  example: (base, state) => `curl '${base}/api/v1/forecast?date=2025-01-06&station=${state.model?.card.spec.stations[0] ?? 'central'}&temperature=4.5&precipitation=0'`,
});
