export { dateParts, dayNumber, dayOfWeek, easterSunday, isoDate, isPayday, parseIsoDate } from './calendar.ts';
export {
  holidayLocales,
  holidayTypes,
  rawFileNames,
  rawFiles,
  type HolidayEvent,
  type HolidayLocale,
  type HolidayType,
  type Item,
  type RawFileName,
  type Store,
} from './favorita.ts';
export { HolidayCalendar, type DayInfo, type StoreLocation } from './holiday-calendar.ts';
export { salesRowSchema, salesTableColumns, salesTableVersion, type SalesRow } from './sales-table.ts';
export { shapeDrift, tableShape, type ColumnShape, type TableShape } from './table-shape.ts';
