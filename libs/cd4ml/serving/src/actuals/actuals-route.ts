import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors/http-error.ts';
import type { Rotation } from '../files/rotate-file.ts';
import { checkRows, jsonBody, parse } from '../request/parse-request.ts';
import { requestId } from '../request/request-id.ts';
import { loadedModel, type ServingState, type VerifiedModel } from '../readiness/readiness.ts';
import { ActualsStore, type OpenActuals, type StoreWarning } from './actuals-store.ts';

/** The most rows one post of actuals may carry; more gets a 413. */
const MAX_ACTUALS_ROWS = 1000;

/**
 * The body of `POST /api/v1/actuals`: `{ actuals: [row, ...] }`, at least one row, each checked by
 * the domain's `row` schema. A domain describes its API with it (`.meta({ id })` for OpenAPI).
 */
export function actualsRequestSchema<S extends z.ZodType>(row: S) {
  return z.strictObject({
    actuals: z.array(row, { error: 'actuals must be an array' }).min(1, { error: 'actuals must hold at least one row' }),
  });
}

/** Options of {@link actualsRoute}. */
export interface ActualsRouteOptions<Row extends Record<string, unknown>, M extends VerifiedModel> {
  state: ServingState<M>;
  /** One actual as the domain validates it: the fields that key it and the observed value. */
  row: z.ZodType<Row>;
  /** The fields that name one actual (the key of its forecast): one post may name a key once. */
  keyFields: readonly (keyof Row & string)[];
  /**
   * The domain's own check of a valid row against the model (a known station, a day inside the
   * model's calendar): returns the row to store, or throws an HttpError whose message starts with
   * `where` (`actuals[2]: `).
   */
  check?: (row: Row, at: { model: M; where: string; receivedAt: string }) => Row;
  /** Where actuals are appended as JSON lines; without it the route answers 503 `ACTUALS_DISABLED`. */
  file?: string;
  /** Size rotation of the file. @default 64 MiB a file, 8 rotated files kept */
  rotation?: Rotation;
  /** How the file is opened for appending: the seam through which tests fill the disk. */
  openFile?: OpenActuals;
  /** Told about a repaired file. @default a line on stderr */
  warn?: StoreWarning;
}

/**
 * `POST /actuals` (mount it under `/api/v1`): observed outcomes posted back for monitoring. Each
 * row is checked (schema, then the domain's `check`), a key may appear once per post (400
 * `DUPLICATE_ACTUAL`), and the rows are appended as one fsynced record of JSON lines, each with
 * `receivedAt`, `requestId` and `modelVersion`, before the answer: 202 `{ accepted, modelVersion }`.
 * A full disk is a 507 and nothing of the post is kept (see {@link ActualsStore}).
 *
 * Duplicates across posts are harmless: readers keep the latest actual of each key, so a retry
 * after a timeout or a 507 changes nothing.
 */
export function actualsRoute<Row extends Record<string, unknown>, M extends VerifiedModel>(o: ActualsRouteOptions<Row, M>): Router {
  const router = Router();
  const request = actualsRequestSchema(o.row);
  const warn = o.warn ?? ((message: string) => console.error(message));
  const store = o.file ? new ActualsStore(o.file, { ...(o.rotation ? { rotation: o.rotation } : {}), ...(o.openFile ? { openFile: o.openFile } : {}), warn }) : undefined;
  router.post('/actuals', ...jsonBody('512kb'), async (req, res) => {
    const model = loadedModel(o.state);
    checkRows(req, 'actuals', MAX_ACTUALS_ROWS);
    const { actuals } = parse(request, req.body, 'body');
    if (!store) throw new HttpError(503, 'ACTUALS_DISABLED', 'this instance does not record actuals: start it with --actuals <file> (or ACTUALS_FILE)');
    const receivedAt = new Date().toISOString();
    const modelVersion = model.card.modelVersion;
    const firstRow = new Map<string, number>();
    const lines = actuals.map((row, i) => {
      const where = `actuals[${i}]: `;
      const actual = o.check ? o.check(row, { model, where, receivedAt }) : row;
      const key = o.keyFields.map((f) => `${f} ${String(actual[f])}`).join(', ');
      const first = firstRow.get(key);
      if (first !== undefined) throw new HttpError(400, 'DUPLICATE_ACTUAL', `${where}${key} is already in actuals[${first}]: send one actual per ${o.keyFields.join(', ')}`);
      firstRow.set(key, i);
      return JSON.stringify({ ...actual, receivedAt, requestId: requestId(res), modelVersion });
    });
    await store.append(lines);
    res.status(202).json({ accepted: lines.length, modelVersion });
  });
  return router;
}
