import express, { type Express } from 'express';
import { errorHandler, notFound, stderrErrorLog, type ErrorHandlerOptions } from '../errors/error-handler.ts';
import { AppMetrics, type AppMetricsOptions } from '../metrics/app-metrics.ts';
import type { PredictionLogStats } from '../prediction-log/prediction-log.ts';
import { healthRoutes } from '../readiness/health-routes.ts';
import { readiness, type ReadinessOptions, type ServingState } from '../readiness/readiness.ts';
import { requestIds } from '../request/request-id.ts';
import { apiSecurityHeaders, pageSecurityHeaders } from '../request/security-headers.ts';

/** Options of {@link servingApp}. */
export interface ServingAppOptions {
  /** The app's name, in every line of its error log, e.g. "rentals-web". */
  name: string;
  state: ServingState;
  /** The histogram of predicted values `/metrics` exports, named in the domain's units. */
  predicted: AppMetricsOptions['predicted'];
  /** Its state goes to `/metrics`. */
  predictionLog?: { stats(): PredictionLogStats } | undefined;
  /** The release this process serves, `model_info`'s `release_id`. @default '' */
  releaseId?: string | undefined;
  readiness?: ReadinessOptions;
  /** Turns the domain's own errors into HttpErrors (see {@link errorHandler}). */
  mapError?: ErrorHandlerOptions['mapError'];
  /** Where every 5xx is logged with its request id and cause. @default one JSON line on stderr */
  logError?: ErrorHandlerOptions['log'] | undefined;
  /**
   * The domain's API, first after the request ids and the API's security headers (a prediction
   * passes as few layers as possible), with the app's metrics to count its predictions.
   */
  api: (app: Express, metrics: AppMetrics) => void;
  /** Pages (a UI, static files): after the API's 404, so an API request never pays for a file lookup, with helmet's page headers. */
  pages?: (app: Express) => void;
}

/**
 * An Express app with what every model app serves besides its own routes: request ids, security
 * headers, `/health`, `/ready`, `/metrics` (with `model_info`, `app_ready` and the prediction
 * log's state), a JSON 404 for anything unmatched, and the one error handler.
 * @example servingApp({ name: 'rentals-web', state, predicted, api: (app, metrics) => app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(state, metrics)) })
 */
export function servingApp(o: ServingAppOptions): Express {
  const { state } = o;
  const metrics = new AppMetrics({ predicted: o.predicted, ...(o.releaseId ? { releaseId: o.releaseId } : {}) });
  if (state.model) metrics.setModel(state.model.card);
  if (o.predictionLog) metrics.watchPredictionLog(o.predictionLog);
  metrics.watchReadiness(() => readiness(state, o.readiness).ready);

  const app = express();
  app.disable('x-powered-by');
  // Predictions are computed per request; hashing every JSON body for an ETag costs more than it saves.
  app.set('etag', false);
  app.use(requestIds({ metrics }));
  app.use(apiSecurityHeaders());
  o.api(app, metrics);
  app.use(healthRoutes(state, o.readiness));
  app.get('/metrics', metrics.handler());
  app.use('/api', notFound());
  if (o.pages) {
    app.use(pageSecurityHeaders());
    o.pages(app);
  }
  app.use(notFound());
  app.use(errorHandler({ log: o.logError ?? stderrErrorLog(o.name), ...(o.mapError ? { mapError: o.mapError } : {}) }));
  return app;
}
