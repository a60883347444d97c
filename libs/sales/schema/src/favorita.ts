/**
 * The raw files of Kaggle's "Corporación Favorita Grocery Sales Forecasting", with their exact headers.
 * The pipeline runs unchanged on the real files or on the synthetic generator's output.
 */
export const rawFiles = {
  'train.csv': ['id', 'date', 'store_nbr', 'item_nbr', 'unit_sales', 'onpromotion'],
  'items.csv': ['item_nbr', 'family', 'class', 'perishable'],
  'stores.csv': ['store_nbr', 'city', 'state', 'type', 'cluster'],
  'holidays_events.csv': ['date', 'type', 'locale', 'locale_name', 'description', 'transferred'],
  'transactions.csv': ['date', 'store_nbr', 'transactions'],
  'oil.csv': ['date', 'dcoilwtico'],
} as const;

export type RawFileName = keyof typeof rawFiles;
export const rawFileNames = Object.keys(rawFiles) as RawFileName[];

export const holidayTypes = ['Holiday', 'Transfer', 'Additional', 'Bridge', 'Work Day', 'Event'] as const;
export type HolidayType = (typeof holidayTypes)[number];

export const holidayLocales = ['National', 'Regional', 'Local'] as const;
export type HolidayLocale = (typeof holidayLocales)[number];

/** One row of holidays_events.csv. */
export interface HolidayEvent {
  date: string;
  type: HolidayType;
  locale: HolidayLocale;
  /** 'Ecuador' for national events, the state for regional ones, the city for local ones. */
  localeName: string;
  description: string;
  /** True when the holiday was officially moved to another day (a 'Transfer' row names that day). */
  transferred: boolean;
}

/** One row of items.csv. */
export interface Item {
  item_nbr: number;
  family: string;
  class: number;
  perishable: boolean;
}

/** One row of stores.csv. */
export interface Store {
  store_nbr: number;
  city: string;
  state: string;
  type: string;
  cluster: number;
}
