import { checkRows, jsonBody, parse, requestId, serverTiming } from '@cd4ml/serving';
import { Router } from 'express';
import type { ApiContext } from './api-context.ts';
import { batchRequestSchema, forecastQuerySchema, forecastRequestSchema, MAX_BATCH_ROWS } from './forecast-request.ts';

/** Single forecasts (GET with a query string, POST with JSON) and batch forecasts. */
export function forecastRoutes(api: ApiContext): Router {
  const router = Router();
  router.get('/forecast', async (req, res) => {
    const request = parse(forecastQuerySchema, req.query, 'query');
    const [forecast] = await api.forecaster().forecast([request], requestId(res));
    serverTiming(res);
    res.json({ forecast, modelVersion: api.model().version });
  });
  router.post('/forecast', ...jsonBody('64kb'), async (req, res) => {
    const request = parse(forecastRequestSchema, req.body, 'body');
    const [forecast] = await api.forecaster().forecast([request], requestId(res));
    serverTiming(res);
    res.json({ forecast, modelVersion: api.model().version });
  });
  router.post('/forecast/batch', ...jsonBody('512kb'), async (req, res) => {
    checkRows(req, 'rows', MAX_BATCH_ROWS);
    const { rows } = parse(batchRequestSchema, req.body, 'body');
    const forecasts = await api.forecaster().forecast(rows, requestId(res), true);
    serverTiming(res);
    res.json({ forecasts, count: forecasts.length, modelVersion: api.model().version });
  });
  return router;
}
