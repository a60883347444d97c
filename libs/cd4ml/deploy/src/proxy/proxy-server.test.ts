import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../env/instances.ts';
import { poll } from '../test-support/poller.ts';
import { createProxy } from './proxy-server.ts';
import { RELEASE_HEADER, shadowRecordSchema, type Route } from './route.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});
const listen = async (s: Server) => {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
};
/** An upstream that answers which release it is and what it was asked (after a little work). */
const upstream = (release: string) =>
  listen(
    createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ release, value: release === 'a' ? 1 : 1.5, body, id: req.headers['x-request-id'] })), 2));
    }),
  );
const proxyOn = async (route: Route, shadowLog?: string) => {
  const p = createProxy({ route, ...(shadowLog ? { shadowLog } : {}), log: () => {} });
  return { ...p, url: `http://127.0.0.1:${await listen(p.server)}` };
};

describe('the blue/green proxy', () => {
  it('switches atomically under load: every request is answered by the old release or the new one, none fails, even as the old one stops', async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    const proxy = await proxyOn({ live: { release: 'a', port: a } });
    const client = poll(`${proxy.url}/x`, { concurrency: 8, header: RELEASE_HEADER });
    // Counted answers, not a time window: the same test holds on a busy machine, only slower.
    await client.answers('a', 50);
    proxy.setRoute({ live: { release: 'b', port: b }, fallback: { release: 'a', port: a } });
    await client.answers('b', 20);
    const old = servers[0]!;
    old.close();
    old.closeIdleConnections();
    await client.answers('b', 100);
    const seen = await client.stop();
    expect(seen.failures).toEqual([]);
    expect(seen.answeredBy).toEqual(['a', 'b']);
  });

  it('sends a request the live release refuses to the fallback, and answers 502 with a reason when nothing can answer', async () => {
    const a = await upstream('a');
    const dead = await freePort();
    const proxy = await proxyOn({ live: { release: 'gone', port: dead }, fallback: { release: 'a', port: a } });
    const res = await fetch(`${proxy.url}/x`, { method: 'POST', body: '{"q":1}' });
    expect(res.headers.get(RELEASE_HEADER)).toBe('a');
    expect(await res.json()).toMatchObject({ release: 'a', body: '{"q":1}' });
    proxy.setRoute({ live: { release: 'gone', port: dead } });
    const none = await fetch(`${proxy.url}/x`);
    expect(none.status).toBe(502);
    expect(await none.json()).toMatchObject({ error: { code: 'UPSTREAM_UNAVAILABLE', message: expect.stringMatching(/ECONNREFUSED/) } });
  });

  it("copies each request to the shadow, logs both answers with the request id, and returns only the live one, even when the shadow is down", async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    const log = join(await mkdtemp(join(tmpdir(), 'cd4ml-shadow-')), 'shadow.jsonl');
    const proxy = await proxyOn({ live: { release: 'a', port: a }, shadow: { release: 'b', port: b } }, log);
    const res = await fetch(`${proxy.url}/forecast`, { method: 'POST', headers: { 'x-request-id': 'req-1' }, body: '{"x":2}' });
    expect(await res.json()).toMatchObject({ release: 'a', id: 'req-1' });
    proxy.setRoute({ live: { release: 'a', port: a }, shadow: { release: 'c', port: await freePort() } });
    expect((await fetch(`${proxy.url}/forecast`, { headers: { 'x-request-id': 'req-2' } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const lines = (await readFile(log, 'utf8')).trim().split('\n').map((l) => shadowRecordSchema.parse(JSON.parse(l)));
    expect(lines[0]).toMatchObject({ requestId: 'req-1', method: 'POST', path: '/forecast', live: { release: 'a', status: 200, body: { release: 'a', id: 'req-1' } }, shadow: { release: 'b', status: 200, body: { release: 'b', id: 'req-1', body: '{"x":2}' } } });
    expect(lines[1]).toMatchObject({ requestId: 'req-2', live: { release: 'a', status: 200 }, shadow: { release: 'c', status: 0, error: expect.stringMatching(/ECONNREFUSED/) } });
  });
});
