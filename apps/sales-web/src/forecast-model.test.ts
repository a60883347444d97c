import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ForecastModel, type Prediction } from './forecast-model.ts';

/** Adaptive batching: concurrent requests share ONNX calls, yet each gets its own answer or its own error. */
describe('ForecastModel under concurrent requests', () => {
  const fixture = inject('fixture');
  let model: ForecastModel;
  beforeAll(async () => {
    model = await ForecastModel.load(fixture.model);
  });
  afterAll(() => model.close());

  const dates = ['2017-08-16', '2017-08-17', '2017-08-18', '2017-08-19'];
  const inputs = dates.flatMap((date) => [99197, 105574, 1963838].map((item_nbr) => ({ date, item_nbr, store_nbr: 44, onpromotion: date < '2017-08-18' })));

  it('gives every concurrent request exactly what it would get alone', async () => {
    const alone = [];
    for (const input of inputs) alone.push(await model.predict([input]));
    const together = await Promise.all(inputs.map((input) => model.predict([input])));
    expect(together).toEqual(alone);
    const batch = await model.predict(inputs);
    expect(batch).toEqual(alone.flat());
  });

  it('returns with each forecast the features it was computed from, also when groups fill up and split', async () => {
    const big = Array.from({ length: 700 }, (_, i) => inputs[i % inputs.length]!);
    const requests = [big, [inputs[5]!], big, inputs];
    const alone: Prediction[] = [];
    for (const request of requests) alone.push(await model.predictWithFeatures(request));
    const together = await Promise.all(requests.map((request) => model.predictWithFeatures(request)));
    together.forEach((prediction, r) => {
      expect(prediction.forecasts).toEqual(alone[r]!.forecasts);
      expect(Array.from(prediction.features)).toEqual(Array.from(model.features.matrix(requests[r]!)));
    });
  });

  it('fails only the request with a bad input, even one whose first rows were already written into the shared matrix', async () => {
    const alone = [await model.predict([inputs[0]!]), await model.predict([inputs[2]!, inputs[3]!])];
    // The bad request's first row is good: it is written into the shared matrix before the second fails.
    const results = await Promise.allSettled([
      model.predict([inputs[0]!]),
      model.predict([inputs[7]!, { ...inputs[1]!, item_nbr: 1 }]),
      model.predict([inputs[2]!, inputs[3]!]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'UNKNOWN_ITEM' });
    expect((results[0] as PromiseFulfilledResult<unknown[]>).value).toEqual(alone[0]);
    expect((results[2] as PromiseFulfilledResult<unknown[]>).value).toEqual(alone[1]);
  });
});
