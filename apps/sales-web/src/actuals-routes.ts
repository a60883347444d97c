import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Router } from 'express';
import type { ApiContext } from './api-context.ts';
import { checkKnown, resolveStore } from './catalogue-checks.ts';
import { actualsRequestSchema, MAX_BATCH_ROWS } from './forecast-request.ts';
import { HttpError } from './http-error.ts';
import { checkRows, jsonBody, parse, requestId } from './parse-request.ts';

/** Actuals posted back for monitoring: validated against the catalogue, appended as JSON lines. */
export function actualsRoutes(api: ApiContext): Router {
  const router = Router();
  let writes: Promise<unknown> = Promise.resolve();
  router.post('/actuals', ...jsonBody('512kb'), async (req, res) => {
    const m = api.model();
    checkRows(req, 'actuals', MAX_BATCH_ROWS);
    const { actuals } = parse(actualsRequestSchema, req.body, 'body');
    const file = api.options.actualsFile;
    if (!file) throw new HttpError(503, 'ACTUALS_DISABLED', 'this instance does not record actuals: start it with --actuals <file> (or ACTUALS_FILE)');
    const receivedAt = new Date().toISOString();
    const lines = actuals.map((actual, i) => {
      const storeNbr = resolveStore(actual.store_nbr, m.features, `actuals[${i}]: `);
      checkKnown(m.features, { item_nbr: actual.item_nbr, store_nbr: storeNbr }, `actuals[${i}]: `);
      return JSON.stringify({ ...actual, store_nbr: storeNbr, receivedAt, requestId: requestId(res), modelVersion: m.version });
    });
    // Appends are chained so that concurrent posts never interleave their lines.
    const write = writes.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, lines.join('\n') + '\n');
    });
    writes = write.catch(() => undefined);
    await write;
    res.status(202).json({ accepted: lines.length, modelVersion: m.version });
  });
  return router;
}
