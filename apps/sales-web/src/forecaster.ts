import { dayNumber, isoDate } from '@cd4ml/calendar';
import { FeatureInputError, type ForecastInput } from '@cd4ml/sales-features';
import type { Forecast, ForecastModel } from './forecast-model.ts';
import type { ForecastRequest } from './forecast-request.ts';
import { HttpError } from './http-error.ts';
import type { AppMetrics } from './app-metrics.ts';
import type { PredictionLog } from './prediction-log.ts';

/**
 * Turns validated requests into forecasts: checks store and horizon, runs the model once per
 * request (one ONNX call for a whole batch), then records metrics and hands the prediction to the log.
 */
export class Forecaster {
  constructor(
    private readonly model: ForecastModel,
    private readonly metrics: AppMetrics,
    private readonly log?: PredictionLog,
  ) {}

  /**
   * Forecasts every row, or throws an {@link HttpError} naming the first bad row (`rows[i]` when `batch`).
   * @param requestId goes into the prediction log, so a response can be traced to its lines.
   */
  async forecast(requests: readonly ForecastRequest[], requestId: string, batch = false): Promise<Forecast[]> {
    const m = this.model;
    const stores = m.features.spec.stores;
    const { firstDay, lastDay } = m.features.calendar;
    const where = (i: number) => (batch ? `rows[${i}]: ` : '');
    const inputs: ForecastInput[] = requests.map((request, i) => {
      if (request.store_nbr === undefined && stores.length !== 1) {
        throw new HttpError(400, 'INVALID_REQUEST', `${where(i)}store_nbr is required: the model covers stores ${stores.map((s) => s.store_nbr).join(', ')}`);
      }
      const day = dayNumber(request.date);
      if (day > lastDay) {
        throw new HttpError(422, 'BEYOND_HORIZON', `${where(i)}date ${request.date} is beyond the supported horizon: the holiday calendar ends on ${isoDate(lastDay)}`);
      }
      if (day < firstDay) {
        // Holiday features would all read "no holiday" there: answer nothing rather than a wrong forecast.
        throw new HttpError(422, 'BEFORE_CALENDAR', `${where(i)}date ${request.date} is before the supported range: the holiday calendar starts on ${isoDate(firstDay)}`);
      }
      const input = { date: request.date, item_nbr: request.item_nbr, store_nbr: request.store_nbr ?? stores[0]!.store_nbr, onpromotion: request.onpromotion };
      // Checked here, not only inside the feature module, so a batch error can name its row.
      if (!m.features.item(input.item_nbr)) throw new HttpError(404, 'UNKNOWN_ITEM', `${where(i)}unknown item_nbr ${input.item_nbr}: it is not in the model's catalogue`);
      if (!m.features.store(input.store_nbr)) {
        throw new HttpError(404, 'UNKNOWN_STORE', `${where(i)}unknown store_nbr ${input.store_nbr}: the model covers stores ${stores.map((s) => s.store_nbr).join(', ')}`);
      }
      return input;
    });
    let prediction;
    try {
      prediction = await m.predictWithFeatures(inputs);
    } catch (error) {
      if (error instanceof FeatureInputError) throw new HttpError(error.code === 'INVALID_DATE' ? 400 : 404, error.code, error.message);
      throw error;
    }
    for (const forecast of prediction.forecasts) this.metrics.observePrediction(forecast.unit_sales);
    this.log?.record({ requestId, modelVersion: m.version, forecasts: prediction.forecasts, features: prediction.features });
    return prediction.forecasts;
  }
}
