export { dateParts, dayNumber, dayOfWeek, easterSunday, isoDate, parseIsoDate } from './calendar.ts';
