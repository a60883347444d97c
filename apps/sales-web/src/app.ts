import { fileURLToPath } from 'node:url';
import { servingApp, type ReadinessOptions } from '@cd4ml/serving';
import express from 'express';
import { actualsRoutes } from './actuals-routes.ts';
import { ApiContext, type AppOptions, type AppState } from './api-context.ts';
import { featureInputErrors } from './catalogue-checks.ts';
import { forecastRoutes } from './forecast-routes.ts';
import { infoRoutes } from './info-routes.ts';
import { buildOpenApi } from './openapi.ts';
import { uiBundle } from './ui-bundle.ts';

export type { AppOptions, AppState } from './api-context.ts';

/** How `/ready` names the command that gates a sales model. */
export const SALES_READINESS: ReadinessOptions = { gateCommand: 'npx nx run sales-model:gate' };

/** The histogram of predicted values `/metrics` exports (the dashboard plots its quantiles). */
const PREDICTED_UNIT_SALES = { name: 'predicted_unit_sales', help: 'Distribution of predicted unit sales', buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500] };

/**
 * Builds the Express app around an (optionally missing) model on the serving foundation
 * (@cd4ml/serving: request ids, security headers, /health, /ready, /metrics, the error handler);
 * listening is the caller's job.
 * @example createApp({ model: await ForecastModel.load(dir) }, { actuals: { file: 'data/monitoring/actuals.jsonl' } }).listen(3000)
 */
export function createApp(state: AppState, options: AppOptions = {}): express.Express {
  const openapi = buildOpenApi(state.model?.version ?? 'no model');
  return servingApp({
    name: 'sales-web',
    state,
    predicted: PREDICTED_UNIT_SALES,
    ...options,
    readiness: SALES_READINESS,
    mapError: featureInputErrors,
    api: (app, metrics) => {
      const api = new ApiContext(state, { ...options, metrics });
      app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(api), infoRoutes(api), actualsRoutes(api));
      app.get('/api/openapi.json', (_req, res) => {
        res.json(openapi);
      });
    },
    pages: (app) => {
      app.get('/app.js', async (_req, res) => {
        res.type('text/javascript').set('Cache-Control', 'no-cache').send(await uiBundle());
      });
      app.use(express.static(fileURLToPath(new URL('./public', import.meta.url))));
    },
  });
}
