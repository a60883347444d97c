import { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { actualsRoute } from '../actuals/actuals-route.ts';
import { loadedModel } from '../readiness/readiness.ts';
import { requestId } from '../request/request-id.ts';
import { addServeOptions } from '../server/serve-options.ts';
import { serve } from '../server/serve.ts';
import { servingApp } from '../server/serving-app.ts';
import { loadToyModel } from './toy-model.ts';

// A toy model app on the foundation, as a domain writes one, for the tests of serve(): the
// standard command line, `GET /api/v1/predict?x=` (2·x, logged), `GET /api/v1/hang` (never
// answers: an in-flight request for the shutdown's grace) and the actuals route.
const options = addServeOptions(new Command('toy-web').description('Serve a toy model.')).parse().opts();
await serve({
  name: 'toy-web',
  options,
  load: loadToyModel,
  readiness: { gateCommand: 'npx nx run toy-model:gate' },
  predictionLine: { input: [['x', 'number']], output: [['y', 'number']] },
  example: (base) => `curl '${base}/api/v1/predict?x=1'`,
  app: (state, { predictionLog, actuals, releaseId }) =>
    servingApp({
      name: 'toy-web',
      state,
      predicted: { name: 'predicted_y', help: 'Predicted y', buckets: [1, 10] },
      predictionLog,
      releaseId,
      readiness: { gateCommand: 'npx nx run toy-model:gate' },
      api: (app, metrics) => {
        app.get('/api/v1/predict', async (req, res) => {
          const model = loadedModel(state);
          const x = Number(req.query['x']);
          const y = model.predict(x);
          metrics.observePrediction(y);
          await predictionLog.record({ requestId: requestId(res), modelVersion: model.card.modelVersion, predictions: [{ x, y }], features: Float32Array.of(x) });
          res.json({ y });
        });
        app.get('/api/v1/hang', () => console.error('toy-web: hanging'));
        app.use('/api/v1', actualsRoute({ state, row: z.object({ x: z.number(), y: z.number() }), keyFields: ['x'], ...actuals }));
      },
    }),
});
