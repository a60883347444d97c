import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../testing.ts';
import { isSmokeRequest, requestId, requestIds, serverTiming, SMOKE_REQUEST_PREFIX } from './request-id.ts';

describe('isSmokeRequest', () => {
  it.each([
    [`${SMOKE_REQUEST_PREFIX}0123456789abcdef-0`, true],
    ['smoke-', true],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', false],
    ['a-smoke-test', false],
    [undefined, false],
  ])('%s: %s', (id, synthetic) => {
    expect(isSmokeRequest(id)).toBe(synthetic);
  });
});

describe('requestIds', () => {
  it.each([
    ['echoes the client’s id', { 'x-request-id': 'smoke-r1-0' }, /^smoke-r1-0$/],
    ['cuts a long id to 100 characters', { 'x-request-id': 'x'.repeat(500) }, /^x{100}$/],
    ['gives a request without one a UUID', {}, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
  ])('%s, in the header and to the route, and times the answer', async (_, headers: Record<string, string>, id) => {
    const tracked: string[] = [];
    const app = express();
    app.use(requestIds({ metrics: { track: (req) => void tracked.push(req.path) } }));
    app.get('/x', (_req, res) => {
      serverTiming(res);
      res.json({ id: requestId(res) });
    });
    const server = await listen(app);
    try {
      const response = await fetch(`${server.base}/x`, { headers });
      expect(response.headers.get('x-request-id')).toMatch(id);
      expect(await response.json()).toEqual({ id: response.headers.get('x-request-id') });
      expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d\d$/);
      expect(tracked).toEqual(['/x']);
    } finally {
      await server.close();
    }
  });
});
