import { open, type FileHandle } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { ActualsHandle, OpenActuals } from './actuals/actuals-store.ts';

// Helpers for the tests of apps built on @cd4ml/serving (`@cd4ml/serving/testing`), never for serving itself.

/**
 * Opens the actuals file with node's own handle, some of its operations replaced: the seam
 * (`openFile` of the actuals route and store) through which a test fills the disk or fails a sync,
 * since root ignores permissions and a small tmpfs may not be mountable.
 * @example openActualsWith((real) => ({ write: () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) }))
 */
export function openActualsWith(replace: (real: FileHandle) => Partial<ActualsHandle>): OpenActuals {
  return async (path) => {
    const real = await open(path, 'a+');
    return {
      stat: () => real.stat(),
      read: (buffer, offset, length, position) => real.read(buffer, offset, length, position),
      write: (buffer, offset, length, position) => real.write(buffer, offset, length, position),
      datasync: () => real.datasync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
      ...replace(real),
    };
  };
}

/**
 * Serves an app on a free loopback port, for a test that talks to it over real HTTP; `close` ends
 * every connection, kept-alive ones too.
 * @example const app = await listen(createApp({ model })); await fetch(`${app.base}/ready`); await app.close();
 */
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
