import type { HolidayEvent, Item, Store } from '@cd4ml/sales-schema';
import { describe, expect, it } from 'vitest';
import { createFeatureSpec, FeatureBuilder, FeatureInputError, type ForecastInput } from './feature-context.ts';
import { featureNames } from './feature-names.ts';
import { fitItemStats } from './item-stats.ts';

const items: Item[] = [
  { item_nbr: 99197, family: 'GROCERY I', class: 1067, perishable: false },
  { item_nbr: 5, family: 'DAIRY', class: 2001, perishable: true },
  { item_nbr: 6, family: 'DAIRY', class: 2002, perishable: true }, // in the catalogue, never sold in training
];
const stores: Store[] = [{ store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 }];
const holidays: HolidayEvent[] = [
  { date: '2017-08-10', type: 'Holiday', locale: 'National', localeName: 'Ecuador', description: 'x', transferred: true },
  { date: '2017-08-11', type: 'Transfer', locale: 'National', localeName: 'Ecuador', description: 'x', transferred: false },
];
const training = [
  { date: '2017-08-07', item_nbr: 99197, family: 'GROCERY I', onpromotion: false, unit_sales: 9 },
  { date: '2017-08-08', item_nbr: 99197, family: 'GROCERY I', onpromotion: true, unit_sales: 19 },
  { date: '2017-08-07', item_nbr: 5, family: 'DAIRY', onpromotion: false, unit_sales: 3 },
];
const builder = new FeatureBuilder(createFeatureSpec({ items, stores, holidays }, fitItemStats(training)));
const features = (input: ForecastInput) => {
  const out = new Float32Array(builder.nFeatures);
  builder.write(input, out, 0);
  return Object.fromEntries(featureNames.map((n, i) => [n, out[i]]));
};
const input: ForecastInput = { date: '2017-08-11', store_nbr: 44, item_nbr: 99197, onpromotion: false };

describe('FeatureBuilder', () => {
  it('uses nothing that is unknown at prediction time', () => {
    for (const leak of ['id', 'transactions', 'unit_sales', 'date']) expect(featureNames).not.toContain(leak);
    // Extra fields on the input (a row id, the actual sales, the ticket count) cannot change the features.
    const leaky = { ...input, id: 123456, unit_sales: 1e6, transactions: 999 } as ForecastInput;
    expect(features(leaky)).toEqual(features(input));
  });

  it('computes calendar and holiday features for the store', () => {
    expect(features(input)).toMatchObject({ day_of_week: 4, day_of_month: 11, month: 8, is_holiday: 1, is_dayoff: 1, holiday_scope: 3, days_to_holiday: 0 });
    expect(features({ ...input, date: '2017-08-10' })).toMatchObject({ is_holiday: 0, is_dayoff: 0, days_to_holiday: 1 });
    expect(features({ ...input, date: '2017-08-15' })).toMatchObject({ is_payday: 1, days_since_holiday: 4 });
  });

  it('looks up item statistics learned from training rows', () => {
    const f = features({ ...input, date: '2017-08-08', onpromotion: true });
    expect(f['item_mean_log']).toBeCloseTo((Math.log1p(9) + Math.log1p(19)) / 2, 5);
    expect(f['item_weekday_mean_log']).toBeCloseTo(Math.log1p(19), 5); // Tuesday
    expect(f['item_promo_mean_log']).toBeCloseTo(Math.log1p(19), 5);
    expect(f['onpromotion']).toBe(1);
    expect(f['family']).toBe(1); // DAIRY=0, GROCERY I=1
  });

  it('falls back to the family mean for an item never sold in training', () => {
    const f = features({ ...input, item_nbr: 6 });
    expect(f['item_mean_log']).toBeCloseTo(Math.log1p(3), 5);
    expect(f['perishable']).toBe(1);
  });

  it.each([
    [{ ...input, item_nbr: 1 }, /unknown item_nbr 1/],
    [{ ...input, store_nbr: 1 }, /unknown store_nbr 1: the model covers stores 44/],
    [{ ...input, date: '2017-02-30' }, /not a calendar date/],
  ])('rejects %j', (bad, message) => {
    expect(() => features(bad)).toThrow(message);
  });

  it.each([
    [{ item_nbr: 1, store_nbr: 44 }, 'UNKNOWN_ITEM', "unknown item_nbr 1: it is not in the model's catalogue"],
    [{ item_nbr: 99197, store_nbr: 1 }, 'UNKNOWN_STORE', 'unknown store_nbr 1: the model covers stores 44'],
    [{ item_nbr: 1, store_nbr: 1 }, 'UNKNOWN_ITEM', "unknown item_nbr 1: it is not in the model's catalogue"],
  ])('check(%j) throws %s with the same words as building the row', (bad, code, message) => {
    const error = (() => {
      try {
        builder.check(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FeatureInputError);
    expect(error).toMatchObject({ code, message });
    expect(() => features({ ...input, ...bad })).toThrow(message);
  });

  it('check passes a known item in a known store', () => {
    expect(() => builder.check({ item_nbr: 6, store_nbr: 44 })).not.toThrow();
  });
});
