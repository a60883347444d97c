import { checkRows, HttpError, jsonBody, loadedModel, parse, requestId, type AppMetrics, type PredictionLineShape, type PredictionLog, type ServingState } from '@cd4ml/serving';
import { stationCode, type FeatureInput } from '@minimal/rentals-model/features';
import { Router } from 'express';
import type { z } from 'zod';
import type { Forecast, ForecastModel } from './forecast-model.ts';
import { batchRequestSchema, forecastQuerySchema, MAX_BATCH_ROWS } from './requests.ts';

/** The prediction log of rentals-web: one line per forecast, its fields as `predictionLine` names them. */
export type RentalsPredictionLog = PredictionLog<keyof Forecast>;

/** Which fields of a forecast the prediction log writes into a line's `input` and `output`. */
export const predictionLine = {
  input: [
    ['date', 'string'],
    ['station', 'string'],
    ['temperature', 'number'],
    ['precipitation', 'number'],
  ],
  output: [['rentals', 'number']],
} as const satisfies PredictionLineShape;

/** Single forecasts (GET, from a query string), batch forecasts in request order, and model info. */
export function forecastRoutes(state: ServingState<ForecastModel>, o: { metrics: AppMetrics; predictionLog?: RentalsPredictionLog | undefined }): Router {
  const router = Router();
  /** Forecasts `inputs`, counts them, and hands them to the prediction log (waiting when it is too far behind). */
  const forecast = async (model: ForecastModel, inputs: readonly FeatureInput[], id: string): Promise<Forecast[]> => {
    const { forecasts, features } = await model.predict(inputs);
    for (const f of forecasts) o.metrics.observePrediction(f.rentals);
    await o.predictionLog?.record({ requestId: id, modelVersion: model.version, predictions: forecasts, features });
    return forecasts;
  };

  router.get('/forecast', async (req, res) => {
    const model = loadedModel(state);
    const parsed = forecastQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const field = (i: z.core.$ZodIssue) => String(i.path[0] ?? '(query)');
      const problem = (i: z.core.$ZodIssue) => (i.path.length > 0 && req.query[field(i)] === undefined ? 'is required' : i.message);
      throw new HttpError(400, 'INVALID_REQUEST', parsed.error.issues.map((i) => `${field(i)}: ${problem(i)}`).join('; '));
    }
    const [answer] = await forecast(model, [parsed.data], requestId(res));
    res.json({ forecast: answer, modelVersion: model.version });
  });

  router.post('/forecast/batch', ...jsonBody('512kb'), async (req, res) => {
    const model = loadedModel(state);
    checkRows(req, 'rows', MAX_BATCH_ROWS);
    const { rows } = parse(batchRequestSchema, req.body, 'body');
    // Checked before any row reaches the model, so the error names its row; one bad row fails the batch.
    rows.forEach((row, i) => stationCode(model.card.spec, row.station, `rows[${i}]: `));
    res.json({ forecasts: await forecast(model, rows, requestId(res)), modelVersion: model.version });
  });

  router.get('/model', (_req, res) => {
    const { card, gates } = loadedModel(state);
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
  return router;
}
