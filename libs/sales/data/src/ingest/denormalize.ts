import { dayNumber, HolidayCalendar, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * Joins sales with items, stores and transactions, and marks holidays and days off for each store's
 * locale (national, its state, its city). Expects rows that passed {@link validateSales}.
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
  const dayInfo = (d: { date: string; city: string; state: string }) => calendar.dayInfo(dayNumber(d.date), d);
  return sales
    .lookup(itemTable, 'item_nbr', 'family', 'class', 'perishable')
    .lookup(storeTable, 'store_nbr', 'city', 'state', 'store_type', 'cluster')
    .lookup(ticketTable, [['date', 'store_nbr'], ['date', 'store_nbr']], 'transactions')
    .derive({
      transactions: aq.escape((d: { transactions: number | undefined | null }) => d.transactions ?? null),
      holiday: aq.escape((d: { date: string; city: string; state: string }) => dayInfo(d).holiday),
      dayoff: aq.escape((d: { date: string; city: string; state: string }) => dayInfo(d).dayOff),
    });
}
