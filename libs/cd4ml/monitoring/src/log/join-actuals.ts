import type { Actual } from './actuals.ts';
import type { LoggedPrediction } from './prediction-log.ts';

/** A forecast the app made, and what really happened. */
export interface JoinedRow {
  key: string;
  day: string;
  actual: number;
  predicted: number;
  modelVersion: string;
  requestId?: string;
  /** When the forecast was made. */
  time: string;
  input: Record<string, unknown>;
}

/**
 * Joins actuals with logged predictions by key. A key forecast more than once is joined with its
 * **latest** forecast (by time, then log order): the figure the app last gave for that day. An
 * actual with no forecast is counted, not dropped silently.
 */
export function joinActuals(predictions: readonly LoggedPrediction[], actuals: readonly Actual[]): { rows: JoinedRow[]; unforecast: Actual[] } {
  const latest = new Map<string, LoggedPrediction>();
  for (const p of predictions) {
    const seen = latest.get(p.key);
    if (!seen || p.time >= seen.time) latest.set(p.key, p);
  }
  const rows: JoinedRow[] = [];
  const unforecast: Actual[] = [];
  for (const a of actuals) {
    const p = latest.get(a.key);
    if (!p) {
      unforecast.push(a);
      continue;
    }
    rows.push({ key: a.key, day: a.day, actual: a.value, predicted: p.value, modelVersion: p.modelVersion, ...(p.requestId ? { requestId: p.requestId } : {}), time: p.time, input: p.input });
  }
  return { rows, unforecast };
}
