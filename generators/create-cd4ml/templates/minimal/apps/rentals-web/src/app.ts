import { actualsRoute, HttpError, servingApp, type ReadinessOptions, type Rotation, type ServerErrorEntry, type ServingState } from '@cd4ml/serving';
import { stationCode, UnknownStationError } from '@minimal/rentals-model/features';
import type { Express } from 'express';
import type { ForecastModel } from './forecast-model.ts';
import { forecastRoutes, type RentalsPredictionLog } from './forecast-routes.ts';
import { actualSchema } from './requests.ts';

/** The app's model, or why there is none. */
export type AppState = ServingState<ForecastModel>;

/** Options of {@link createApp}, what `serve` makes from the command line; every one has a safe default. */
export interface AppOptions {
  /** Receives every forecast, to write one JSON line each; without it nothing is logged. */
  predictionLog?: RentalsPredictionLog;
  /** Where posted actuals are appended as JSON lines; without it `POST /api/v1/actuals` answers 503. */
  actuals?: { file: string; rotation?: Rotation };
  /** The release this process serves, for `model_info`. @default '' */
  releaseId?: string;
  /** Where every 5xx is logged with its request id and cause. @default one JSON line on stderr */
  logError?: (entry: ServerErrorEntry) => void;
}

/** How `/ready` names the command that gates a rentals model. */
export const RENTALS_READINESS: ReadinessOptions = { gateCommand: 'npx nx run rentals-model:gate' };

/** An unknown station is the client's mistake about what the model knows: a 404 naming the known ones. */
const unknownStation = (error: unknown) => (error instanceof UnknownStationError ? new HttpError(404, error.code, error.message) : undefined);

/**
 * Builds the app around a model (or none: then it is alive but not ready) on the serving foundation
 * (@cd4ml/serving: request ids, /health, /ready, /metrics, the error handler); listening is the caller's job.
 * @example createApp({ model: await ForecastModel.load(dir) }).listen(3000)
 */
export function createApp(state: AppState, o: AppOptions = {}): Express {
  return servingApp({
    name: 'rentals-web',
    state,
    predicted: { name: 'predicted_rentals', help: 'Distribution of predicted daily rentals per station', buckets: [0, 5, 10, 20, 50, 100, 200, 500, 1000] },
    ...o,
    readiness: RENTALS_READINESS,
    mapError: unknownStation,
    api: (app, metrics) => {
      // Actuals for the monitor: one per station and day in a post, each station one the model knows.
      const actuals = actualsRoute({
        state,
        row: actualSchema,
        keyFields: ['date', 'station'],
        check: (actual, { model, where }) => {
          stationCode(model.card.spec, actual.station, where);
          return actual;
        },
        ...o.actuals,
        warn: (message) => console.error(`rentals-web: ${message}`),
      });
      app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(state, { metrics, predictionLog: o.predictionLog }), actuals);
    },
  });
}
