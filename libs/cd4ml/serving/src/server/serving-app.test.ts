import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../errors/http-error.ts';
import type { ServingState } from '../readiness/readiness.ts';
import { listen } from '../testing.ts';
import { toyModel, type ToyGates } from '../test-support/toy-model.ts';
import { servingApp } from './serving-app.ts';

/** A serving app around `state` with one API route, `GET /api/v1/predict?x=`, on a free port. */
async function start(state: ServingState<ReturnType<typeof toyModel>>, o: { releaseId?: string; pages?: boolean } = {}) {
  const app = servingApp({
    name: 'toy-web',
    state,
    predicted: { name: 'predicted_toys', help: 'Predicted toys', buckets: [1, 10] },
    releaseId: o.releaseId,
    readiness: { gateCommand: 'npx nx run toy-model:gate' },
    logError: () => undefined, // the handler's log is tested with it
    api: (a, metrics) =>
      a.get('/api/v1/predict', (req, res) => {
        if (!state.model) throw new HttpError(503, 'NOT_READY', 'no model');
        const y = state.model.predict(Number(req.query['x']));
        metrics.observePrediction(y);
        res.json({ y });
      }),
    ...(o.pages ? { pages: (a) => a.get('/', (_req, res) => void res.type('html').send('<h1>toys</h1>')) } : {}),
  });
  return listen(app);
}
const json = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: z.record(z.string(), z.unknown()).parse(await response.json()) };
};

describe('servingApp: what every model app serves besides its own routes', () => {
  it('is alive without a model, and not ready, saying why', async () => {
    const app = await start({ notReadyReason: 'no model in /x' });
    try {
      expect(await json(`${app.base}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await json(`${app.base}/ready`)).toEqual({ status: 503, body: { status: 'not ready', reason: 'no model in /x' } });
      expect(await (await fetch(`${app.base}/metrics`)).text()).toMatch(/^app_ready 0$/m);
    } finally {
      await app.close();
    }
  });

  it.each<[ToyGates, number, number]>([
    ['passed', 200, 1],
    ['none', 503, 0],
    ['failed', 503, 0],
  ])('says on /ready and in app_ready the same thing, for a model whose gates are %s', async (gates, status, gauge) => {
    const app = await start({ model: toyModel('/m', gates) });
    try {
      expect((await fetch(`${app.base}/ready`)).status).toBe(status);
      expect(await (await fetch(`${app.base}/metrics`)).text()).toMatch(new RegExp(`^app_ready ${gauge}$`, 'm'));
    } finally {
      await app.close();
    }
  });

  it('exports the process metrics, requests by route, predictions, and model_info with the release id', async () => {
    const app = await start({ model: toyModel('/m') }, { releaseId: 'r-0123456789ab' });
    try {
      await fetch(`${app.base}/api/v1/predict?x=3`);
      await fetch(`${app.base}/api/v1/PREDICT?x=4`);
      await fetch(`${app.base}/api/v2/predict`);
      const response = await fetch(`${app.base}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(/^process_cpu_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
      expect(text).toContain('http_requests_total{method="GET",route="/api/v1/predict",status="200"} 2');
      expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(text).toContain('predictions_total 2');
      expect(text).toContain('predicted_toys_count 2');
      expect(text).toContain(`model_info{model_version="toy-1",raw_data_version="${'b'.repeat(64)}",processed_data_version="${'c'.repeat(64)}",release_id="r-0123456789ab"} 1`);
    } finally {
      await app.close();
    }
  });

  it('has an empty release id outside a release', async () => {
    const app = await start({ model: toyModel('/m') });
    try {
      expect(await (await fetch(`${app.base}/metrics`)).text()).toMatch(/^model_info\{.*,release_id=""\} 1$/m);
    } finally {
      await app.close();
    }
  });

  it('answers JSON errors with a request id, API security headers on the API and page headers on pages', async () => {
    const app = await start({ notReadyReason: 'no model in /x' }, { pages: true });
    try {
      const api = await fetch(`${app.base}/api/v1/predict?x=1`, { headers: { 'x-request-id': 'abc' } });
      expect([api.status, api.headers.get('x-request-id'), api.headers.get('content-security-policy')]).toEqual([503, 'abc', "default-src 'none';frame-ancestors 'none'"]);
      expect(await api.json()).toEqual({ error: { code: 'NOT_READY', message: 'no model' }, requestId: 'abc' });
      const page = await fetch(`${app.base}/`);
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
      expect(await json(`${app.base}/no-such-page`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route GET /no-such-page' } } });
    } finally {
      await app.close();
    }
  });
});
