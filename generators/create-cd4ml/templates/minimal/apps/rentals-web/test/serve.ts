import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** Serves an app on a free loopback port; `close` ends every connection. */
export async function serve(app: Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
