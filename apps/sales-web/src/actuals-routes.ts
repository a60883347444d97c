import { dayNumber, isoDate } from '@cd4ml/calendar';
import { Router } from 'express';
import { ActualsStore } from './actuals-store.ts';
import type { ApiContext } from './api-context.ts';
import { checkKnown, resolveStore } from './catalogue-checks.ts';
import type { ForecastModel } from './forecast-model.ts';
import { actualsRequestSchema, MAX_BATCH_ROWS } from './forecast-request.ts';
import { HttpError } from './http-error.ts';
import { checkRows, jsonBody, parse, requestId } from './parse-request.ts';

/**
 * Actuals posted back for monitoring: validated against the catalogue and the model's calendar,
 * then appended to the actuals file as one fsynced record before the 202 (see {@link ActualsStore}).
 *
 * Duplicates: an actual is keyed by (date, store_nbr, item_nbr) and the latest post wins, so
 * posting the same actual again (a retry after a timeout, or a 507) changes nothing for a reader
 * (`readActuals`). One post may not name a key twice (400).
 */
export function actualsRoutes(api: ApiContext): Router {
  const router = Router();
  const { actualsFile, actualsRotation, openActuals } = api.options;
  const store = actualsFile
    ? new ActualsStore(actualsFile, { ...(actualsRotation ? { rotation: actualsRotation } : {}), ...(openActuals ? { openFile: openActuals } : {}), warn: (m) => console.error(`sales-web: ${m}`) })
    : undefined;
  router.post('/actuals', ...jsonBody('512kb'), async (req, res) => {
    const m = api.model();
    checkRows(req, 'actuals', MAX_BATCH_ROWS);
    const { actuals } = parse(actualsRequestSchema, req.body, 'body');
    if (!store) throw new HttpError(503, 'ACTUALS_DISABLED', 'this instance does not record actuals: start it with --actuals <file> (or ACTUALS_FILE)');
    const receivedAt = new Date().toISOString();
    const lastDay = Math.min(m.features.calendar.lastDay, dayNumber(receivedAt.slice(0, 10)) + 1);
    const firstRow = new Map<string, number>();
    const lines = actuals.map((actual, i) => {
      const where = `actuals[${i}]: `;
      const storeNbr = resolveStore(actual.store_nbr, m.features, where);
      checkKnown(m.features, { item_nbr: actual.item_nbr, store_nbr: storeNbr }, where);
      checkDate(actual.date, m, lastDay, where);
      const key = `${actual.date}/${storeNbr}/${actual.item_nbr}`;
      const first = firstRow.get(key);
      if (first !== undefined) {
        throw new HttpError(400, 'DUPLICATE_ACTUAL', `${where}date ${actual.date}, store_nbr ${storeNbr}, item_nbr ${actual.item_nbr} is already in actuals[${first}]: send one actual per day, store and item`);
      }
      firstRow.set(key, i);
      return JSON.stringify({ ...actual, store_nbr: storeNbr, receivedAt, requestId: requestId(res), modelVersion: m.version });
    });
    await store.append(lines);
    res.status(202).json({ accepted: lines.length, modelVersion: m.version });
  });
  return router;
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
