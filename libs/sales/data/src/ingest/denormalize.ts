import { HolidayCalendar, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import { dayNumber } from '@cd4ml/calendar';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * Joins sales with items, stores and transactions, and marks holidays and days off for each store's
 * locale (national, its state, its city). Expects validated rows (see `SalesScanner`).
 */
export function denormalize(
  sales: ColumnTable,
  items: readonly Item[],
  stores: readonly Store[],
  transactions: ColumnTable,
  holidays: readonly HolidayEvent[],
): ColumnTable {
  const calendar = new HolidayCalendar(holidays);
  const itemTable = aq.from(items.map((i) => ({ item_nbr: i.item_nbr, family: i.family, class: i.class, perishable: i.perishable })));
  const storeTable = aq.from(stores.map((s) => ({ store_nbr: s.store_nbr, city: s.city, state: s.state, store_type: s.type, cluster: s.cluster })));
  const ticketTable = transactions.derive({
    store_nbr: aq.escape((d: { store_nbr: string }) => Number(d.store_nbr)),
    transactions: aq.escape((d: { transactions: string }) => (d.transactions === '' ? null : Number(d.transactions))),
  });
  // Holidays and days off per (date, store) as a small table, joined like the others: a few thousand
  // calendar lookups instead of two per sales row.
  const dates = new Set(sales.array('date') as Iterable<string>);
  const days: { date: string; store_nbr: number; holiday: boolean; dayoff: boolean }[] = [];
  for (const date of dates) {
    for (const store of stores) {
      const info = calendar.dayInfo(dayNumber(date), store);
      days.push({ date, store_nbr: store.store_nbr, holiday: info.holiday, dayoff: info.dayOff });
    }
  }
  const key = [['date', 'store_nbr'], ['date', 'store_nbr']] as [string[], string[]];
  return sales
    .lookup(itemTable, 'item_nbr', 'family', 'class', 'perishable')
    .lookup(storeTable, 'store_nbr', 'city', 'state', 'store_type', 'cluster')
    .lookup(ticketTable, key, 'transactions')
    .lookup(aq.from(days), key, 'holiday', 'dayoff')
    .derive({ transactions: (d: { transactions: number | null }) => (d.transactions == null ? null : d.transactions) });
}
