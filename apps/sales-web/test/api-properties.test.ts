import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { batchResponseSchema, errorResponseSchema, forecastResponseSchema } from '../src/api-responses.ts';
import { MAX_BATCH_ROWS } from '../src/forecast-request.ts';
import { startApp, type RunningApp } from './start-app.ts';

/** Property-based API tests (fast-check) on a real port: the input space is too large for examples alone. */
describe('forecast API properties', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  let items: number[];
  let lastDay: number;
  const post = (path: string, body: unknown) => fetch(`${app.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startApp(fixture.model);
    items = app.model.features.spec.items.map((i) => i.item_nbr);
    lastDay = app.model.features.calendar.lastDay;
  });
  afterAll(() => app.close());

  it('answers any known item on any day up to the horizon with a non-negative forecast', async () => {
    const day0 = app.model.features.calendar.firstDay; // earlier dates answer 422 BEFORE_CALENDAR
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: day0, max: lastDay }), fc.nat(), fc.boolean(), async (day, pick, onpromotion) => {
        const request = { date: iso(day), item_nbr: items[pick % items.length]!, onpromotion };
        const response = await post('/api/v1/forecast', request);
        expect(response.status).toBe(200);
        const body = forecastResponseSchema.parse(await response.json());
        expect(body.forecast).toMatchObject(request);
        expect(body.modelVersion).toBe(app.model.version);
      }),
      { numRuns: 40 },
    );
  });

  it('answers any malformed date or item with a 4xx naming the field, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('2017-02-29', '2017-00-10', '17-08-16', '2017-8-16')), fc.oneof(fc.integer(), fc.double(), fc.string()), async (date, item) => {
        const response = await post('/api/v1/forecast', { date, item_nbr: item });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        const { error } = errorResponseSchema.parse(await response.json());
        expect(error.message).toMatch(/date|item_nbr/);
      }),
      { numRuns: 60 },
    );
  });

  it(`answers every batch size from 1 to ${MAX_BATCH_ROWS} with one forecast per row, in order`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: MAX_BATCH_ROWS }), async (size) => {
        const rows = Array.from({ length: size }, (_, i) => ({ date: iso(lastDay - (i % 60)), item_nbr: items[i % items.length]! }));
        const response = await post('/api/v1/forecast/batch', { rows });
        expect(response.status).toBe(200);
        const body = batchResponseSchema.parse(await response.json());
        expect(body.count).toBe(size);
        expect(body.forecasts.map((f) => [f.date, f.item_nbr])).toEqual(rows.map((r) => [r.date, r.item_nbr]));
      }),
      { numRuns: 15 },
    );
  });
});
