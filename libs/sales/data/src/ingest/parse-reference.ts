import { holidayLocales, holidayTypes, type HolidayEvent, type HolidayLocale, type HolidayType, type Item, type Store } from '@cd4ml/sales-schema';
import { parseIsoDate } from '@cd4ml/calendar';
import type { ColumnTable } from 'arquero';
import { DataValidationError } from '../data-validation-error.ts';
import { stringColumn } from './read-raw.ts';

const INT = /^-?\d+$/;
const MAX_LISTED = 5;

/** Collects row problems of a reference file and throws them together: these small tables must be clean. */
class Problems {
  private readonly list: string[] = [];
  constructor(private readonly file: string) {}
  add(row: number, message: string) {
    this.list.push(`line ${row + 2}: ${message}`);
  }
  throwIfAny() {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, MAX_LISTED).join('\n  ');
    const more = this.list.length > MAX_LISTED ? `\n  ... and ${this.list.length - MAX_LISTED} more` : '';
    throw new DataValidationError(this.file, `${this.list.length} invalid row(s):\n  ${shown}${more}`);
  }
}

export function parseItems(table: ColumnTable): Item[] {
  const problems = new Problems('items.csv');
  const [nbr, family, cls, perishable] = ['item_nbr', 'family', 'class', 'perishable'].map((c) => stringColumn(table, c)) as [string[], string[], string[], string[]];
  const seen = new Set<number>();
  const items: Item[] = [];
  nbr.forEach((raw, i) => {
    if (!INT.test(raw)) return problems.add(i, `item_nbr ${JSON.stringify(raw)} is not an integer`);
    const item_nbr = Number(raw);
    if (seen.has(item_nbr)) return problems.add(i, `duplicate item_nbr ${item_nbr}`);
    seen.add(item_nbr);
    if (!family[i]) return problems.add(i, 'family is blank');
    if (!INT.test(cls[i]!)) return problems.add(i, `class ${JSON.stringify(cls[i])} is not an integer`);
    if (perishable[i] !== '0' && perishable[i] !== '1') return problems.add(i, `perishable must be 0 or 1, got ${JSON.stringify(perishable[i])}`);
    items.push({ item_nbr, family: family[i], class: Number(cls[i]), perishable: perishable[i] === '1' });
  });
  problems.throwIfAny();
  return items;
}

export function parseStores(table: ColumnTable): Store[] {
  const problems = new Problems('stores.csv');
  const [nbr, city, state, type, cluster] = ['store_nbr', 'city', 'state', 'type', 'cluster'].map((c) => stringColumn(table, c)) as [string[], string[], string[], string[], string[]];
  const seen = new Set<number>();
  const stores: Store[] = [];
  nbr.forEach((raw, i) => {
    if (!INT.test(raw)) return problems.add(i, `store_nbr ${JSON.stringify(raw)} is not an integer`);
    const store_nbr = Number(raw);
    if (seen.has(store_nbr)) return problems.add(i, `duplicate store_nbr ${store_nbr}`);
    seen.add(store_nbr);
    if (!city[i] || !state[i] || !type[i]) return problems.add(i, 'city, state and type must not be blank');
    if (!INT.test(cluster[i]!)) return problems.add(i, `cluster ${JSON.stringify(cluster[i])} is not an integer`);
    stores.push({ store_nbr, city: city[i], state: state[i], type: type[i], cluster: Number(cluster[i]) });
  });
  problems.throwIfAny();
  return stores;
}

export function parseHolidays(table: ColumnTable): HolidayEvent[] {
  const problems = new Problems('holidays_events.csv');
  const cols = ['date', 'type', 'locale', 'locale_name', 'description', 'transferred'].map((c) => stringColumn(table, c));
  const [date, type, locale, localeName, description, transferred] = cols as [string[], string[], string[], string[], string[], string[]];
  const events: HolidayEvent[] = [];
  date.forEach((raw, i) => {
    if (parseIsoDate(raw) === undefined) return problems.add(i, `date ${JSON.stringify(raw)} is not a calendar date (YYYY-MM-DD)`);
    if (!holidayTypes.includes(type[i] as HolidayType)) return problems.add(i, `type ${JSON.stringify(type[i])} is not one of ${holidayTypes.join(', ')}`);
    if (!holidayLocales.includes(locale[i] as HolidayLocale)) return problems.add(i, `locale ${JSON.stringify(locale[i])} is not one of ${holidayLocales.join(', ')}`);
    if (transferred[i] !== 'True' && transferred[i] !== 'False') return problems.add(i, `transferred must be True or False, got ${JSON.stringify(transferred[i])}`);
    events.push({
      date: raw,
      type: type[i] as HolidayType,
      locale: locale[i] as HolidayLocale,
      localeName: localeName[i]!,
      description: description[i]!,
      transferred: transferred[i] === 'True',
    });
  });
  problems.throwIfAny();
  return events;
}
