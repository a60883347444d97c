import { Agent, request } from 'node:http';

/** One answer a load client got: when, for which request, and whether the server asked to close the connection. */
export interface Answer {
  requestId: string;
  status: number;
  /** `performance.now()` when the whole answer had arrived. */
  at: number;
  connectionClose: boolean;
}

/** What a load run saw: every answer, and the error that ended each client (a closed connection). */
export interface LoadResult {
  answers: Answer[];
  errors: { client: number; at: number; message: string }[];
}

/**
 * Keep-alive clients, each on one connection of its own, sending `body` to `path` one request after
 * the other until `stop` resolves or the server closes the connection. Request ids are
 * `<client>-<n>`, so each answer can be found in the server's logs.
 */
export async function keepAliveLoad(o: { base: string; path: string; body?: string; connections: number; stop: Promise<void>; onAnswer?: (answered: number) => void }): Promise<LoadResult> {
  const result: LoadResult = { answers: [], errors: [] };
  let stopped = false;
  void o.stop.then(() => (stopped = true));
  const url = new URL(o.path, o.base);
  const client = async (k: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let n = 0; !stopped; n++) {
        const requestId = `${k}-${n}`;
        const answer = await send(url, agent, requestId, o.body);
        result.answers.push(answer);
        o.onAnswer?.(result.answers.length);
        if (answer.connectionClose) return;
      }
    } catch (error) {
      result.errors.push({ client: k, at: performance.now(), message: (error as Error).message });
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: o.connections }, (_, k) => client(k)));
  return result;
}

function send(url: URL, agent: Agent, requestId: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent, method: body ? 'POST' : 'GET', headers: { 'x-request-id': requestId, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        res.resume(); // the body is not needed, only its end
        res.once('end', () => resolve({ requestId, status: res.statusCode ?? 0, at: performance.now(), connectionClose: res.headers.connection === 'close' }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
