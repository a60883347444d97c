import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPortFree } from './port.ts';

let busy: Server;
let port: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const address = busy.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe("the simulation's port", () => {
  it('is refused when something listens there, naming where it came from and the way out', async () => {
    await expect(assertPortFree(port, 'CD4ML_SIMULATION_PORT')).rejects.toThrow(new RegExp(`port ${port} \\(CD4ML_SIMULATION_PORT\\) is not free \\(EADDRINUSE\\)[\\s\\S]*leave it unset for a free one`));
  });

  it('is taken when free', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    await expect(assertPortFree(free, '--port')).resolves.toBeUndefined();
  });
});
