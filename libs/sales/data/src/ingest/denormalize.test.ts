import type { HolidayEvent, Item, Store } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { denormalize } from './denormalize.ts';

const items: Item[] = [{ item_nbr: 1, family: 'DAIRY', class: 2001, perishable: true }];
const stores: Store[] = [
  { store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 },
  { store_nbr: 12, city: 'Latacunga', state: 'Cotopaxi', type: 'C', cluster: 15 },
];
const event = (date: string, over: Partial<HolidayEvent>): HolidayEvent => ({ date, type: 'Holiday', locale: 'National', localeName: 'Ecuador', description: 'x', transferred: false, ...over });
const holidays = [
  event('2016-12-10', { type: 'Work Day' }), // a Saturday made a working day, nationally
  event('2017-04-22', { locale: 'Regional', localeName: 'Cotopaxi' }), // a Saturday anyway
  event('2017-04-21', { locale: 'Local', localeName: 'Latacunga' }), // a Friday, only in Latacunga
];
const transactions = aq.table({ date: ['2017-04-21'], store_nbr: ['44'], transactions: ['812'] });

describe('denormalize', () => {
  it('joins item, store and transactions, null when the store has no count that day', () => {
    const sales = aq.table({ date: ['2017-04-21', '2017-04-21'], store_nbr: [44, 12], item_nbr: [1, 1], unit_sales: [2, 3], onpromotion: [false, true] });
    const rows = denormalize(sales, items, stores, transactions, holidays).objects();
    expect(rows[0]).toMatchObject({ family: 'DAIRY', perishable: true, city: 'Quito', store_type: 'A', cluster: 5, transactions: 812 });
    expect(rows[1]).toMatchObject({ city: 'Latacunga', store_type: 'C', transactions: null });
  });

  it.each([
    ['2017-04-21', 44, false, false], // Latacunga's local holiday is not Quito's
    ['2017-04-21', 12, true, true],
    ['2016-12-10', 44, false, false], // Work Day: a Saturday that is not a day off
    ['2016-12-17', 44, false, true], // an ordinary Saturday
    ['2017-04-22', 12, true, true],
  ])('on %s store %i: holiday %s, day off %s', (date, store, holiday, dayoff) => {
    const sales = aq.table({ date: [date], store_nbr: [store], item_nbr: [1], unit_sales: [1], onpromotion: [false] });
    expect(denormalize(sales, items, stores, transactions, holidays).objects()[0]).toMatchObject({ holiday, dayoff });
  });
});
