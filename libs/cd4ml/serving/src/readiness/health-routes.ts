import { Router } from 'express';
import { readiness, type ReadinessOptions, type ServingState } from './readiness.ts';

/**
 * `GET /health`: 200 `{ status: 'ok' }` as soon as the server listens, with or without a model.
 * `GET /ready`: 200 `{ status: 'ready', modelVersion }` by the {@link readiness} rule, else 503
 * `{ status: 'not ready', reason }`, so an orchestrator can tell "alive" from "ready".
 */
export function healthRoutes(state: ServingState, o: ReadinessOptions = {}): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', (_req, res) => {
    const r = readiness(state, o);
    if (r.ready) res.json({ status: 'ready', modelVersion: r.modelVersion });
    else res.status(503).json({ status: 'not ready', reason: r.reason });
  });
  return router;
}
