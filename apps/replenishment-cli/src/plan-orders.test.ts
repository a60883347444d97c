import type { ForecastRequest } from '@cd4ml/sales-client';
import { describe, expect, it } from 'vitest';
import { planOrders } from './plan-orders.ts';

/** A stand-in for the batch API: `unitSales(row)` units for every row, in request order, and the batches it was sent. */
function fakeApi(unitSales: (row: ForecastRequest) => number) {
  const batches: ForecastRequest[][] = [];
  return {
    batches,
    forecastBatch(rows: readonly ForecastRequest[]) {
      batches.push([...rows]);
      const forecasts = rows.map((r) => ({ date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr ?? 44, onpromotion: r.onpromotion ?? false, unit_sales: unitSales(r) }));
      return Promise.resolve({ forecasts, count: forecasts.length, modelVersion: 'abc123' });
    },
  };
}

describe('planOrders', () => {
  it('gives each stock line the demand of its own rows, even when two lines name the same item', async () => {
    const api = fakeApi(() => 8.5);
    const stock = [
      { item_nbr: 99197, on_hand: 5, case_pack: 6 },
      { item_nbr: 99197, on_hand: 0, case_pack: 12 },
    ];
    const plan = await planOrders(api, stock, { orderDate: '2017-08-15', leadTimeDays: 2, safetyDays: 1 });
    // 2 days x 8.5 each, never the 34 of both lines' rows added up.
    expect(plan.lines.map((l) => [l.leadTimeDemand, l.safetyStock, l.orderUnits])).toEqual([
      [17, 8.5, 24], // 25.5 - 5 = 20.5 -> 4 cases of 6
      [17, 8.5, 36], // 25.5 -> 3 cases of 12
    ]);
  });

  it('asks for every day of the lead time, from the day after the order, in batches of at most 1,000 rows, and adds them up per line', async () => {
    const api = fakeApi((r) => Number(r.date.slice(8)) / 10); // day of month / 10
    const stock = Array.from({ length: 450 }, (_, i) => ({ item_nbr: 1000 + i, on_hand: 0, case_pack: 1 }));
    const plan = await planOrders(api, stock, { orderDate: '2017-08-30', leadTimeDays: 3, safetyDays: 0, store_nbr: 7 });
    expect(api.batches.map((b) => b.length)).toEqual([1000, 350]);
    expect(api.batches[0]!.slice(0, 3)).toEqual(['2017-08-31', '2017-09-01', '2017-09-02'].map((date) => ({ date, item_nbr: 1000, store_nbr: 7, onpromotion: false })));
    // 3.1 + 0.1 + 0.2 for every line, whichever batch its rows landed in.
    expect(new Set(plan.lines.map((l) => l.leadTimeDemand))).toEqual(new Set([3.4]));
    expect(plan.lines.map((l) => l.item_nbr)).toEqual(stock.map((s) => s.item_nbr));
  });
});
