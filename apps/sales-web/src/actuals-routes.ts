import { dayNumber, isoDate } from '@cd4ml/calendar';
import { actualsRoute, HttpError } from '@cd4ml/serving';
import type { Router } from 'express';
import type { ApiContext } from './api-context.ts';
import { checkKnown, resolveStore } from './catalogue-checks.ts';
import type { ForecastModel } from './forecast-model.ts';
import { actualSchema } from './forecast-request.ts';

/**
 * Actuals posted back for monitoring (the platform's actuals route): validated against the
 * catalogue and the model's calendar, then appended to the actuals file as one fsynced record
 * before the 202.
 *
 * Duplicates: an actual is keyed by (date, store_nbr, item_nbr) and the latest post wins, so
 * posting the same actual again (a retry after a timeout, or a 507) changes nothing for a reader
 * (the monitor's `readActuals`). One post may not name a key twice (400).
 */
export function actualsRoutes(api: ApiContext): Router {
  return actualsRoute({
    state: api.state,
    row: actualSchema,
    keyFields: ['date', 'store_nbr', 'item_nbr'],
    check: (actual, { model, where, receivedAt }) => {
      const storeNbr = resolveStore(actual.store_nbr, model.features, where);
      checkKnown(model.features, { item_nbr: actual.item_nbr, store_nbr: storeNbr }, where);
      checkDate(actual.date, model, Math.min(model.features.calendar.lastDay, dayNumber(receivedAt.slice(0, 10)) + 1), where);
      return { ...actual, store_nbr: storeNbr };
    },
    ...api.options.actuals,
    warn: (m) => console.error(`sales-web: ${m}`),
  });
}

/** An actual describes a day that has passed, inside the model's calendar: anything else is a 400. */
function checkDate(date: string, m: ForecastModel, lastDay: number, where: string): void {
  const day = dayNumber(date);
  const { firstDay } = m.features.calendar;
  if (day < firstDay) throw new HttpError(400, 'IMPLAUSIBLE_ACTUAL', `${where}date ${date} is before the model's calendar, which starts on ${isoDate(firstDay)}`);
  if (day > lastDay) {
    const why = lastDay === m.features.calendar.lastDay ? `after the model's calendar, which ends on ${isoDate(lastDay)}` : `in the future: actuals describe days that have passed (up to ${isoDate(lastDay)})`;
    throw new HttpError(400, 'IMPLAUSIBLE_ACTUAL', `${where}date ${date} is ${why}`);
  }
}
