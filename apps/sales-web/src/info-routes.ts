import { isoDate } from '@cd4ml/calendar';
import { parse } from '@cd4ml/serving';
import { Router } from 'express';
import type { ApiContext } from './api-context.ts';
import type { ModelInfo } from './api-responses.ts';
import { checkKnown, resolveStore } from './catalogue-checks.ts';
import { recentActualsQuerySchema } from './forecast-request.ts';

/** Model info, the catalogue and the recent actuals behind the UI's chart. */
export function infoRoutes(api: ApiContext): Router {
  const router = Router();
  router.get('/model', (_req, res) => {
    const { card, gates, features } = api.model();
    const info: ModelInfo = {
      name: card.name,
      modelVersion: card.modelVersion,
      runId: card.runId,
      createdAt: card.createdAt,
      rawDataVersion: card.rawDataVersion,
      processedDataVersion: card.processedDataVersion,
      code: card.code,
      featureSchemaVersion: card.featureSchemaVersion,
      metrics: card.metrics,
      gates,
      horizon: { lastDate: isoDate(features.calendar.lastDay) },
    };
    res.json(info);
  });

  router.get('/products', (_req, res) => {
    const m = api.model();
    res.json({ products: m.features.spec.items, stores: m.features.spec.stores, modelVersion: m.version });
  });

  router.get('/actuals/recent', (req, res) => {
    const m = api.model();
    const query = parse(recentActualsQuerySchema, req.query, 'query');
    const storeNbr = resolveStore(query.store_nbr, m.features);
    checkKnown(m.features, { item_nbr: query.item_nbr, store_nbr: storeNbr });
    const recent = m.recentActuals;
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
