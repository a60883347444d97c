import { dayNumber, dayOfWeek } from '@cd4ml/calendar';
import type { HolidayEvent } from './favorita.ts';

/** Where a store is: holidays apply nationally, to a state (Regional) or to a city (Local). */
export interface StoreLocation {
  city: string;
  state: string;
}

export interface DayInfo {
  /** A Holiday, Transfer, Additional or Bridge day that applies to the store and was not moved away. */
  holiday: boolean;
  /** An official working day that makes up for a Bridge: the store's day off is cancelled. */
  workDay: boolean;
  /** A commercial event (Black Friday, Mother's Day, ...): not a day off. */
  event: boolean;
  /** 0 none, 1 local, 2 regional, 3 national: the widest holiday that applies. */
  holidayScope: 0 | 1 | 2 | 3;
  /** Weekend or holiday, unless a Work Day says otherwise. This is how the original workshop decided it. */
  dayOff: boolean;
}

const OFF_TYPES = new Set(['Holiday', 'Transfer', 'Additional', 'Bridge']);
const SCOPE = { Local: 1, Regional: 2, National: 3 } as const;

/**
 * Answers "is this a holiday / day off for this store?" from holidays_events.csv.
 * Transferred holidays count on the day they were moved to (the 'Transfer' row), not on their
 * original date, which is marked `transferred`.
 */
export class HolidayCalendar {
  private readonly byDay = new Map<number, HolidayEvent[]>();
  private readonly holidayDaysCache = new Map<string, number[]>();
  /** The last day the calendar knows about: forecasts beyond it would silently miss holidays. */
  readonly lastDay: number;
  readonly firstDay: number;

  constructor(readonly events: readonly HolidayEvent[]) {
    let first = Infinity;
    let last = -Infinity;
    for (const event of events) {
      const day = dayNumber(event.date);
      first = Math.min(first, day);
      last = Math.max(last, day);
      const list = this.byDay.get(day);
      if (list) list.push(event);
      else this.byDay.set(day, [event]);
    }
    this.firstDay = first;
    this.lastDay = last;
  }

  dayInfo(day: number, store: StoreLocation): DayInfo {
    let holiday = false;
    let workDay = false;
    let event = false;
    let holidayScope: DayInfo['holidayScope'] = 0;
    for (const e of this.byDay.get(day) ?? []) {
      if (!applies(e, store)) continue;
      if (e.type === 'Work Day') workDay = true;
      else if (e.type === 'Event') event = true;
      else if (OFF_TYPES.has(e.type) && !e.transferred) {
        holiday = true;
        holidayScope = Math.max(holidayScope, SCOPE[e.locale]) as DayInfo['holidayScope'];
      }
    }
    const weekend = dayOfWeek(day) >= 5;
    return { holiday, workDay, event, holidayScope, dayOff: (holiday || weekend) && !workDay };
  }

  /** Days until the next holiday for the store (0 on a holiday), capped at `cap`. */
  daysToHoliday(day: number, store: StoreLocation, cap = 30): number {
    const days = this.holidayDays(store);
    const i = lowerBound(days, day);
    const next = days[i];
    return next === undefined ? cap : Math.min(cap, next - day);
  }

  /** Days since the previous holiday for the store (0 on a holiday), capped at `cap`. */
  daysSinceHoliday(day: number, store: StoreLocation, cap = 30): number {
    const days = this.holidayDays(store);
    const i = lowerBound(days, day + 1) - 1;
    const previous = i >= 0 ? days[i] : undefined;
    return previous === undefined ? cap : Math.min(cap, day - previous);
  }

  private holidayDays(store: StoreLocation): number[] {
    const key = `${store.state}\0${store.city}`;
    let days = this.holidayDaysCache.get(key);
    if (!days) {
      days = [...this.byDay.keys()].filter((d) => this.dayInfo(d, store).holiday).sort((a, b) => a - b);
      this.holidayDaysCache.set(key, days);
    }
    return days;
  }
}

function applies(event: HolidayEvent, store: StoreLocation): boolean {
  if (event.locale === 'National') return true;
  if (event.locale === 'Regional') return event.localeName === store.state;
  return event.localeName === store.city;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
