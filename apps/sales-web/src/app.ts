import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dayNumber, isoDate } from '@cd4ml/sales-schema';
import { FeatureInputError } from '@cd4ml/sales-features';
import express, { type Request } from 'express';
import type { z } from 'zod';
import type { ForecastModel } from './forecast-model.ts';
import { forecastQuerySchema, forecastRequestSchema, type ForecastRequest } from './forecast-request.ts';
import { errorHandler, HttpError } from './http-error.ts';

export interface AppState {
  model?: ForecastModel;
  /** Why the app is not ready, when it has no model. */
  notReadyReason?: string;
}

const BODY_LIMIT = '64kb';

/** Builds the Express app around an (optionally missing) model; listening is the caller's job. */
export function createApp(state: AppState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals['requestId'] = requestId;
    res.set({ 'X-Request-Id': requestId, 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(express.static(fileURLToPath(new URL('./public', import.meta.url))));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    if (state.model) res.json({ status: 'ready', modelVersion: state.model.version });
    else res.status(503).json({ status: 'not ready', reason: state.notReadyReason ?? 'model not loaded' });
  });

  const model = (): ForecastModel => {
    if (!state.model) throw new HttpError(503, 'NOT_READY', `no model loaded: ${state.notReadyReason ?? 'starting up'}`);
    return state.model;
  };

  app.get('/api/v1/model', (_req, res) => {
    const { card } = model();
    res.json({
      name: card.name,
      modelVersion: card.modelVersion,
      runId: card.runId,
      createdAt: card.createdAt,
      dataVersion: card.dataVersion,
      code: card.code,
      featureSchemaVersion: card.featureSchemaVersion,
      metrics: card.metrics,
      horizon: { lastDate: isoDate(model().features.calendar.lastDay) },
    });
  });

  app.get('/api/v1/products', (_req, res) => {
    const m = model();
    res.json({ products: m.features.spec.items, stores: m.features.spec.stores, modelVersion: m.version });
  });

  const forecast = async (request: ForecastRequest) => {
    const m = model();
    const stores = m.features.spec.stores;
    if (request.store_nbr === undefined && stores.length !== 1) {
      throw new HttpError(400, 'INVALID_REQUEST', `store_nbr is required: the model covers stores ${stores.map((s) => s.store_nbr).join(', ')}`);
    }
    const lastDay = m.features.calendar.lastDay;
    if (dayNumber(request.date) > lastDay) {
      throw new HttpError(422, 'BEYOND_HORIZON', `date ${request.date} is beyond the supported horizon: the holiday calendar ends on ${isoDate(lastDay)}`);
    }
    const input = { ...request, store_nbr: request.store_nbr ?? stores[0]!.store_nbr };
    try {
      const [result] = await m.predict([input]);
      return { forecast: result, modelVersion: m.version };
    } catch (error) {
      if (error instanceof FeatureInputError) {
        throw new HttpError(error.code === 'INVALID_DATE' ? 400 : 404, error.code, error.message);
      }
      throw error;
    }
  };

  app.post('/api/v1/forecast', async (req, res) => {
    if (!req.is('application/json')) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request as application/json');
    res.json(await forecast(parse(forecastRequestSchema, req.body)));
  });
  app.get('/api/v1/forecast', async (req: Request, res) => {
    res.json(await forecast(parse(forecastQuerySchema, req.query)));
  });

  app.use('/api', (req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${req.originalUrl}`)));
  app.use(errorHandler);
  return app;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new HttpError(400, 'INVALID_REQUEST', details.map((d) => (d.message.includes(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; '), details);
}
