import { createServer } from 'node:net';
import { SimulationError } from './simulation-error.ts';

/** Refuses a port something else listens on, naming where it came from and the way out. */
export function assertPortFree(port: number, from: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new SimulationError('BAD_OPTION', `port ${port} (${from}) is not free (${error.code ?? error.message}): the simulation runs its own production there. Choose another, or leave it unset for a free one.`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
