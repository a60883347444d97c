import { actualsRoute, AppMetrics, HttpError, servingApp, stderrErrorLog, type Rotation, type ServerErrorEntry, type ServingState } from '@cd4ml/serving';
import { stationCode, UnknownStationError } from '@minimal/rentals-model/features';
import type { Express } from 'express';
import type { ForecastModel } from './forecast-model.ts';
import { forecastRoutes, type RentalsPredictionLog } from './forecast-routes.ts';
import { actualSchema } from './requests.ts';

/** The app's model, or why there is none. */
export type AppState = ServingState<ForecastModel>;

/** Options of {@link createApp}; every one has a safe default. */
export interface AppOptions {
  /** Receives every forecast, to write one JSON line each; without it nothing is logged. */
  predictionLog?: RentalsPredictionLog;
  /** Where posted actuals are appended as JSON lines; without it `POST /api/v1/actuals` answers 503. */
  actualsFile?: string;
  actualsRotation?: Rotation;
  /** The release this process serves, for `model_info`. @default '' */
  releaseId?: string;
  /** Where every 5xx is logged with its request id and cause. @default one JSON line on stderr */
  logError?: (entry: ServerErrorEntry) => void;
}

const PREDICTED_RENTALS = { name: 'predicted_rentals', help: 'Distribution of predicted daily rentals per station', buckets: [0, 5, 10, 20, 50, 100, 200, 500, 1000] };

/** An unknown station is the client's mistake about what the model knows: a 404 naming the known ones. */
const unknownStation = (error: unknown) => (error instanceof UnknownStationError ? new HttpError(404, error.code, error.message) : undefined);

/**
 * Builds the app around a model (or none: then it is alive but not ready) on the serving foundation
 * (@cd4ml/serving: request ids, /health, /ready, /metrics, the error handler); listening is the caller's job.
 * @example createApp({ model: await ForecastModel.load(dir) }).listen(3000)
 */
export function createApp(state: AppState, o: AppOptions = {}): Express {
  const metrics = new AppMetrics({ predicted: PREDICTED_RENTALS, ...(o.releaseId ? { releaseId: o.releaseId } : {}) });
  return servingApp({
    state,
    metrics,
    ...(o.predictionLog ? { predictionLog: o.predictionLog } : {}),
    readiness: { gateCommand: 'npx nx run rentals-model:gate' },
    errors: { log: o.logError ?? stderrErrorLog('rentals-web'), mapError: unknownStation },
    api: (app) =>
      app.use(
        '/api/v1',
        metrics.base('/api/v1'),
        forecastRoutes(state, { metrics, ...(o.predictionLog ? { predictionLog: o.predictionLog } : {}) }),
        // Actuals for the monitor: one per station and day in a post, each station one the model knows.
        actualsRoute({
          state,
          row: actualSchema,
          keyFields: ['date', 'station'],
          check: (actual, { model, where }) => {
            stationCode(model.card.spec, actual.station, where);
            return actual;
          },
          ...(o.actualsFile ? { file: o.actualsFile } : {}),
          ...(o.actualsRotation ? { rotation: o.actualsRotation } : {}),
          warn: (message) => console.error(`rentals-web: ${message}`),
        }),
      ),
  });
}
