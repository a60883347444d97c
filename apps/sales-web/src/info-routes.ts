import { isoDate } from '@cd4ml/calendar';
import { Router } from 'express';
import type { ApiContext } from './api-context.ts';
import { recentActualsQuerySchema } from './forecast-request.ts';
import { HttpError } from './http-error.ts';
import { parse } from './parse-request.ts';

/** Model info, the catalogue and the recent actuals behind the UI's chart. */
export function infoRoutes(api: ApiContext): Router {
  const router = Router();
  router.get('/model', (_req, res) => {
    const { card, extras, features } = api.model();
    res.json({
      name: card.name,
      modelVersion: card.modelVersion,
      runId: card.runId,
      createdAt: card.createdAt,
      dataVersion: card.dataVersion,
      code: card.code,
      featureSchemaVersion: card.featureSchemaVersion,
      metrics: card.metrics,
      gates: extras.gates,
      horizon: { lastDate: isoDate(features.calendar.lastDay) },
    });
  });

  router.get('/products', (_req, res) => {
    const m = api.model();
    res.json({ products: m.features.spec.items, stores: m.features.spec.stores, modelVersion: m.version });
  });

  router.get('/actuals/recent', (req, res) => {
    const m = api.model();
    const query = parse(recentActualsQuerySchema, req.query, 'query');
    const storeNbr = query.store_nbr ?? m.features.spec.stores[0]!.store_nbr;
    if (!m.features.item(query.item_nbr)) throw new HttpError(404, 'UNKNOWN_ITEM', `unknown item_nbr ${query.item_nbr}: it is not in the model's catalogue`);
    if (!m.features.store(storeNbr)) throw new HttpError(404, 'UNKNOWN_STORE', `unknown store_nbr ${storeNbr}: the model covers stores ${m.features.spec.stores.map((s) => s.store_nbr).join(', ')}`);
    const recent = m.extras.recentActuals;
    // An item without sales in the window is a real answer (an empty series), not an error.
    const series = recent?.stores[String(storeNbr)]?.[String(query.item_nbr)] ?? [];
    res.json({
      item_nbr: query.item_nbr,
      store_nbr: storeNbr,
      lastDate: recent?.lastDate ?? null,
      actuals: series.map(([date, unit_sales]) => ({ date, unit_sales })),
      modelVersion: m.version,
    });
  });
  return router;
}
