export { isPayday } from './payday.ts';
export {
  holidayEventSchema,
  holidayLocales,
  holidayTypes,
  itemSchema,
  rawFileNames,
  rawFiles,
  referenceTablesSchema,
  storeSchema,
  type HolidayEvent,
  type HolidayLocale,
  type HolidayType,
  type Item,
  type RawFileName,
  type ReferenceTables,
  type Store,
} from './favorita.ts';
export { HolidayCalendar, type DayInfo, type StoreLocation } from './holiday-calendar.ts';
export { salesRowSchema, salesTableColumns, salesTableVersion, type SalesRow } from './sales-table.ts';
export { salesHistoryOf, type SalesHistory } from './sales-history.ts';
export { backtestFoldSchema, backtestFoldsSchema, type BacktestFold } from './backtest-folds.ts';
export { salesRecordKeys } from './record-keys.ts';
