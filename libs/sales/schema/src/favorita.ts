import { z } from 'zod';

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

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** One row of holidays_events.csv. */
export const holidayEventSchema = z.object({
  date: isoDay,
  type: z.enum(holidayTypes),
  locale: z.enum(holidayLocales),
  /** 'Ecuador' for national events, the state for regional ones, the city for local ones. */
  localeName: z.string(),
  description: z.string(),
  /** True when the holiday was officially moved to another day (a 'Transfer' row names that day). */
  transferred: z.boolean(),
});
export type HolidayEvent = z.infer<typeof holidayEventSchema>;

/** One row of items.csv. */
export const itemSchema = z.object({ item_nbr: z.number().int(), family: z.string().min(1), class: z.number().int(), perishable: z.boolean() });
export type Item = z.infer<typeof itemSchema>;

/** One row of stores.csv. */
export const storeSchema = z.object({ store_nbr: z.number().int(), city: z.string(), state: z.string(), type: z.string().min(1), cluster: z.number().int() });
export type Store = z.infer<typeof storeSchema>;

/** `reference.json`, written by ingest: the reference tables as parsed, read by training. */
export const referenceTablesSchema = z.object({ items: z.array(itemSchema), stores: z.array(storeSchema), holidays: z.array(holidayEventSchema) });
export type ReferenceTables = z.infer<typeof referenceTablesSchema>;
