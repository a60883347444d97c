import { type HolidayEvent } from '@cd4ml/sales-schema';
import { dateParts, dayNumber, dayOfWeek, easterSunday, isoDate } from '@cd4ml/calendar';

interface Fixed {
  monthDay: string;
  description: string;
  /** Moved to a Monday or Friday when it falls mid-week, as Ecuador's 2016 law allows. */
  transferable?: boolean;
}

const nationalFixed: readonly Fixed[] = [
  { monthDay: '01-01', description: 'Primer dia del ano' },
  { monthDay: '05-01', description: 'Dia del Trabajo' },
  { monthDay: '05-24', description: 'Batalla de Pichincha', transferable: true },
  { monthDay: '08-10', description: 'Primer Grito de Independencia', transferable: true },
  { monthDay: '10-09', description: 'Independencia de Guayaquil', transferable: true },
  { monthDay: '11-02', description: 'Dia de Difuntos' },
  { monthDay: '11-03', description: 'Independencia de Cuenca' },
  { monthDay: '12-25', description: 'Navidad' },
];

const regional = [
  { monthDay: '04-22', state: 'Cotopaxi', description: 'Provincializacion de Cotopaxi' },
  { monthDay: '06-25', state: 'Imbabura', description: 'Provincializacion de Imbabura' },
  { monthDay: '11-07', state: 'Santa Elena', description: 'Provincializacion Santa Elena' },
] as const;

const local = [
  { monthDay: '12-06', city: 'Quito', description: 'Fundacion de Quito' },
  { monthDay: '07-24', city: 'Guayaquil', description: 'Fundacion de Guayaquil' },
  { monthDay: '04-12', city: 'Cuenca', description: 'Fundacion de Cuenca' },
  { monthDay: '04-21', city: 'Ambato', description: 'Fundacion de Ambato' },
  { monthDay: '11-11', city: 'Latacunga', description: 'Independencia de Latacunga' },
] as const;

const national = (date: number, type: HolidayEvent['type'], description: string, transferred = false): HolidayEvent => ({
  date: isoDate(date),
  type,
  locale: 'National',
  localeName: 'Ecuador',
  description,
  transferred,
});

/** n-th `weekday` (0 = Monday) of a month, e.g. the second Sunday of May. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
  return first + ((weekday - dayOfWeek(first) + 7) % 7) + 7 * (n - 1);
}

/**
 * Ecuador's holidays and events for the given years, in the shape of holidays_events.csv:
 * fixed national holidays, Carnaval and Good Friday from Easter, transfers of mid-week holidays,
 * bridges with their make-up Work Days, extra Christmas days, regional and local holidays,
 * and commercial events. Sorted by date.
 */
export function holidayEvents(fromYear: number, toYear: number): HolidayEvent[] {
  const events: HolidayEvent[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const easter = easterSunday(year);
    events.push(national(easter - 48, 'Holiday', 'Carnaval'), national(easter - 47, 'Holiday', 'Carnaval'));
    events.push(national(easter - 2, 'Holiday', 'Viernes Santo'));
    for (const h of nationalFixed) {
      const day = dayNumber(`${year}-${h.monthDay}`);
      const dow = dayOfWeek(day);
      if (h.transferable && dow >= 1 && dow <= 3) {
        // Tuesday moves back to Monday; Wednesday and Thursday move on to Friday.
        const to = dow === 1 ? day - 1 : day + (4 - dow);
        events.push(national(day, 'Holiday', h.description, true), national(to, 'Transfer', `Traslado ${h.description}`));
      } else {
        events.push(national(day, 'Holiday', h.description));
        if (!h.transferable && (dow === 1 || dow === 3)) {
          // A Tuesday or Thursday holiday gets a bridge day, made up on a Saturday two weeks later.
          const bridge = dow === 1 ? day - 1 : day + 1;
          const saturday = day + (5 - dow) + 14;
          events.push(national(bridge, 'Bridge', `Puente ${h.description}`));
          events.push(national(saturday, 'Work Day', `Recupero puente ${h.description}`));
        }
      }
    }
    for (const [monthDay, description] of [['12-24', 'Navidad-1'], ['12-26', 'Navidad+1'], ['12-31', 'Primer dia del ano-1']] as const) {
      events.push(national(dayNumber(`${year}-${monthDay}`), 'Additional', description));
    }
    for (const r of regional) {
      events.push({ date: `${year}-${r.monthDay}`, type: 'Holiday', locale: 'Regional', localeName: r.state, description: r.description, transferred: false });
    }
    for (const l of local) {
      events.push({ date: `${year}-${l.monthDay}`, type: 'Holiday', locale: 'Local', localeName: l.city, description: l.description, transferred: false });
    }
    const blackFriday = nthWeekday(year, 11, 4, 4);
    events.push(national(nthWeekday(year, 5, 6, 2), 'Event', 'Dia de la Madre'));
    events.push(national(blackFriday, 'Event', 'Black Friday'), national(blackFriday + 3, 'Event', 'Cyber Monday'));
  }
  const order = (e: HolidayEvent) => `${e.date}|${e.locale}|${e.description}`;
  // A make-up Work Day can fall in January of the next year; keep the calendar to whole years.
  const end = `${toYear}-12-31`;
  return events.filter((e) => e.date <= end).sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** December 25th: every store is closed, so the real train.csv has no rows that day. */
export function isChristmas(day: number): boolean {
  const { month, dayOfMonth } = dateParts(day);
  return month === 12 && dayOfMonth === 25;
}
