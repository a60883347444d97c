import { rentalRowSchema } from '@minimal/rentals-data';
import express from 'express';
import { z } from 'zod';
import type { ForecastModel } from './forecast-model.ts';
import { errorHandler, HttpError } from './http-error.ts';

/** The app's model, or why there is none. */
export interface AppState {
  model?: ForecastModel;
  notReadyReason?: string;
}

// Query values arrive as text; each is checked against the data contract's own rule for its column.
const numberLike = (column: z.ZodNumber) => z.string().trim().min(1, 'is blank').transform(Number).pipe(column);
const { date, station, temperature, precipitation } = rentalRowSchema.shape;
const forecastQuery = z.strictObject({ date, station, temperature: numberLike(temperature), precipitation: numberLike(precipitation) });

/** Builds the app around a model (or none, then it is alive but not ready); listening is the caller's job. */
export function createApp(state: AppState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const model = (): ForecastModel => {
    if (!state.model) throw new HttpError(503, 'NOT_READY', state.notReadyReason ?? 'no model loaded');
    return state.model;
  };

  app.get('/api/v1/forecast', async (req, res) => {
    const m = model();
    const parsed = forecastQuery.safeParse(req.query);
    if (!parsed.success) {
      const field = (i: z.core.$ZodIssue) => String(i.path[0] ?? '(query)');
      const problem = (i: z.core.$ZodIssue) => (i.path.length > 0 && req.query[field(i)] === undefined ? 'is required' : i.message);
      throw new HttpError(400, 'INVALID_REQUEST', parsed.error.issues.map((i) => `${field(i)}: ${problem(i)}`).join('; '));
    }
    res.json({ forecast: { ...parsed.data, rentals: await m.forecast(parsed.data) }, modelVersion: m.card.modelVersion });
  });
  app.get('/api/v1/model', (_req, res) => {
    const { card, gates } = model();
    res.json({
      name: card.name,
      modelVersion: card.modelVersion,
      rawDataVersion: card.rawDataVersion,
      processedDataVersion: card.processedDataVersion,
      trainedAt: card.createdAt,
      stations: card.spec.stations,
      metric: { name: card.metrics.primary, value: card.metrics.validation[card.metrics.primary] },
      gates: gates ? { passed: gates.passed, results: gates.results.map((r) => ({ gate: r.gate, passed: r.passed, summary: r.summary })) } : null,
    });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    const reason = state.model ? state.model.notReadyReason() : (state.notReadyReason ?? 'no model loaded');
    if (reason) res.status(503).json({ status: 'not ready', reason });
    else res.json({ status: 'ready', modelVersion: state.model?.card.modelVersion });
  });
  app.use((req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
