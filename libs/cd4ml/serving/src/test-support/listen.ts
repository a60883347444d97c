import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

/** Serves `app` on a free loopback port; `close` ends every connection. */
export async function listen(app: RequestListener): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
