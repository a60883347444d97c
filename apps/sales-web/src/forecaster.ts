import { dayNumber, isoDate } from '@cd4ml/calendar';
import type { ForecastInput } from '@cd4ml/sales-features';
import { HttpError, type AppMetrics, type PredictionLog } from '@cd4ml/serving';
import { checkKnown, resolveStore } from './catalogue-checks.ts';
import type { Forecast, ForecastModel } from './forecast-model.ts';
import type { ForecastRequest } from './forecast-request.ts';

/** The prediction log of sales-web: one line per forecast, its fields as `predictionLine` (log-schema) names them. */
export type SalesPredictionLog = PredictionLog<keyof Forecast>;

/**
 * Turns validated requests into forecasts: checks store, item and horizon, runs the model once per
 * request (one ONNX call for a whole batch), then records metrics and hands the prediction to the log.
 */
export class Forecaster {
  constructor(
    private readonly model: ForecastModel,
    private readonly metrics: AppMetrics,
    private readonly log?: SalesPredictionLog,
  ) {}

  /**
   * Forecasts every row, or throws naming the first bad row (`rows[i]` when `batch`): an
   * {@link HttpError}, or the feature module's FeatureInputError for an unknown item or store.
   * @param requestId goes into the prediction log, so a response can be traced to its lines.
   */
  async forecast(requests: readonly ForecastRequest[], requestId: string, batch = false): Promise<Forecast[]> {
    const m = this.model;
    const { firstDay, lastDay } = m.features.calendar;
    const inputs: ForecastInput[] = requests.map((request, i) => {
      const where = batch ? `rows[${i}]: ` : '';
      const input = { date: request.date, item_nbr: request.item_nbr, store_nbr: resolveStore(request.store_nbr, m.features, where), onpromotion: request.onpromotion };
      const day = dayNumber(request.date);
      if (day > lastDay) {
        throw new HttpError(422, 'BEYOND_HORIZON', `${where}date ${request.date} is beyond the supported horizon: the holiday calendar ends on ${isoDate(lastDay)}`);
      }
      if (day < firstDay) {
        // Holiday features would all read "no holiday" there: answer nothing rather than a wrong forecast.
        throw new HttpError(422, 'BEFORE_CALENDAR', `${where}date ${request.date} is before the supported range: the holiday calendar starts on ${isoDate(firstDay)}`);
      }
      // Checked before any row reaches the model, so a batch error can name its row.
      checkKnown(m.features, input, where);
      return input;
    });
    const prediction = await m.predictWithFeatures(inputs);
    for (const forecast of prediction.forecasts) this.metrics.observePrediction(forecast.unit_sales);
    // Backpressure: when the log is too far behind, the answer waits until these lines are written.
    const logged = this.log?.record({ requestId, modelVersion: m.version, predictions: prediction.forecasts, features: prediction.features });
    if (logged) await logged;
    return prediction.forecasts;
  }
}
