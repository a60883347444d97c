import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { RELEASE_HEADER, type Route, type ShadowRecord, type Upstream } from './route.ts';

/** Request bodies the proxy holds to retry or copy them; the app refuses larger ones anyway. */
const MAX_BODY = 2 * 1024 * 1024;
/** Shadow answers logged in full up to this size. */
const MAX_LOGGED = 256 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** Errors that happen before an upstream has answered anything: safe to send the request elsewhere. */
const retriable = (error: NodeJS.ErrnoException) => ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTCONN'].includes(error.code ?? '');

/**
 * The blue/green proxy: a small node:http reverse proxy on the environment's stable port. Each
 * request goes to the route's `live` upstream as it is when the request arrives; `setRoute`
 * replaces the route in one assignment, so a switch is atomic: every request is answered by the
 * old release or the new one, whole. A request the live upstream refuses or drops before answering
 * (a connection closing under a release that just stopped) is sent again, to `fallback` or to the
 * route of that moment. With a `shadow` upstream, a copy of each request goes there too; both
 * answers are written to the shadow log with the request id, and only the live one is returned.
 */
export function createProxy(o: { route: Route; shadowLog?: string; log?: (line: string) => void }): { server: Server; setRoute: (route: Route) => void; route: () => Route } {
  let current = o.route;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  function send(to: Upstream, req: IncomingMessage, body: Buffer, requestId: string): Promise<Answer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, 'x-request-id': requestId, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const up = request({ host: '127.0.0.1', port: to.port, method: req.method, path: req.url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
        res.on('error', reject);
      });
      up.on('error', reject);
      up.end(body);
    });
  }

  async function answer(req: IncomingMessage, body: Buffer, requestId: string, route: Route): Promise<{ answer: Answer; release: string }> {
    try {
      return { answer: await send(route.live, req, body, requestId), release: route.live.release };
    } catch (error) {
      if (!retriable(error as NodeJS.ErrnoException)) throw error;
      // The live release refused or dropped the connection before answering: its fallback (still
      // running during a switch), else the route of this moment (it may have switched meanwhile).
      const next = route.fallback ?? current.live;
      log(`proxy: ${req.method} ${req.url} (${requestId}): ${(error as Error).message} from release ${route.live.release}; sent again to ${next.release}`);
      return { answer: await send(next, req, body, requestId), release: next.release };
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: `request body over ${MAX_BODY} bytes` } }));
        return;
      }
      const body = Buffer.concat(chunks);
      const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
      const route = current;
      const shadow = route.shadow && o.shadowLog ? send(route.shadow, req, body, requestId).catch((error: Error) => error) : undefined;
      answer(req, body, requestId, route).then(
        ({ answer: a, release }) => {
          const headers = Object.fromEntries(Object.entries(a.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
          res.writeHead(a.status, { ...headers, 'content-length': String(a.body.length), [RELEASE_HEADER]: release });
          res.end(a.body);
          if (shadow && route.shadow && o.shadowLog) void logShadow(o.shadowLog, { req, requestId, live: { release, ...a }, shadowRelease: route.shadow.release, shadow });
        },
        (error: Error) => {
          log(`proxy: ${req.method} ${req.url} (${requestId}): no release could answer: ${error.message}`);
          res.writeHead(502, { 'content-type': 'application/json', 'x-request-id': requestId }).end(JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: `no release could answer: ${error.message}` }, requestId }));
        },
      );
    });
  });
  return { server, setRoute: (route) => (current = route), route: () => current };
}

function parsed(a: Answer): unknown {
  if (a.body.length > MAX_LOGGED) return `(${a.body.length} bytes, not logged)`;
  const text = a.body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function logShadow(file: string, o: { req: IncomingMessage; requestId: string; live: Answer & { release: string }; shadowRelease: string; shadow: Promise<Answer | Error> }): Promise<void> {
  const s = await o.shadow;
  const record: ShadowRecord = {
    at: new Date().toISOString(),
    requestId: o.requestId,
    method: o.req.method ?? 'GET',
    path: o.req.url ?? '/',
    live: { release: o.live.release, status: o.live.status, ms: o.live.ms, body: parsed(o.live) },
    shadow: s instanceof Error ? { release: o.shadowRelease, status: 0, ms: 0, body: null, error: s.message } : { release: o.shadowRelease, status: s.status, ms: s.ms, body: parsed(s) },
  };
  // One line per request, appended in one write: a reader never sees half a record.
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
