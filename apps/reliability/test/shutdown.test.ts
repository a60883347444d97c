import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { keepAliveLoad } from './_load.ts';
import { startServer } from './_server.ts';
import { report } from './probe.ts';

const CONNECTIONS = 16;

/** SIGTERM while kept-alive clients send forecasts as fast as they can, and with a request that never completes. */
describe('SIGTERM under keep-alive load', () => {
  const fixture = inject('fixture');

  it('ends every kept-alive connection after the answer it waits for, and exits 0 at once', async (context) => {
    const server = await startServer(['--model', fixture.model]);
    try {
      let stop!: () => void;
      const loading = keepAliveLoad({ base: server.base, path: '/api/v1/forecast?date=2017-08-16&item_nbr=99197', connections: CONNECTIONS, stop: new Promise<void>((resolve) => (stop = resolve)) });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const heard = server.said(/SIGTERM received/);
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      const heardAt = await heard;
      stop();
      const { answers, errors } = await loading;
      // Per connection, the answers that arrived once the server had said it heard the signal.
      const after = new Map<string, typeof answers>();
      for (const a of answers.filter((x) => x.at > heardAt)) {
        const client = a.requestId.split('-')[0]!;
        after.set(client, [...(after.get(client) ?? []), a]);
      }
      const most = [...after.values()].reduce((m, list) => Math.max(m, list.length), 0);
      expect(exit.code).toBe(0);
      // The answer in flight (its headers may be out already), then at most one more, marked Connection: close.
      expect(most).toBeLessThanOrEqual(2);
      expect([...after.values()].every((list) => list.at(-1)!.connectionClose)).toBe(true);
      expect(answers.filter((a) => a.connectionClose).length + errors.length).toBe(CONNECTIONS); // every client stopped
      const exitMs = Math.round(exit.at - heardAt);
      expect(exitMs).toBeLessThan(3000);
      report(context, {
        probe: `SIGTERM while ${CONNECTIONS} kept-alive clients send single forecasts back to back`,
        expected: 'each connection ends after the answer in flight and at most one more, marked Connection: close; exit 0 well within the 10 s grace',
        observed: `${answers.length} answers in all; after the server heard SIGTERM, at most ${most} per connection, the last with Connection: close on ${after.size} connections; ${errors.length} clients sent their next request as the server closed the idle connection (a reset: the keep-alive race; nothing was processed); exit ${exit.code} ${exitMs} ms after the signal was heard`,
      });
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });

  it('forces the exit after the grace period, saying how many requests it dropped', async (context) => {
    const server = await startServer(['--model', fixture.model, '--shutdown-grace', '1000']);
    try {
      // A request whose body never comes: in flight for ever, as a stuck client's would be.
      const socket = connect(Number(new URL(server.base).port), '127.0.0.1');
      await once(socket, 'connect');
      socket.on('error', () => undefined);
      socket.write('POST /api/v1/forecast HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"date":');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const heard = server.said(/SIGTERM received/);
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      socket.destroy();
      const exitMs = Math.round(exit.at - (await heard));
      expect(exit.code).toBe(1);
      expect(exitMs).toBeGreaterThanOrEqual(900);
      expect(exitMs).toBeLessThan(2500);
      expect(server.stderr()).toMatch(/SIGTERM received, no longer accepting; draining 1 in-flight request \(at most 1000 ms\)/);
      expect(server.stderr()).toMatch(/SIGTERM: grace period of 1000 ms over; exiting with 1 in-flight request dropped/);
      report(context, {
        probe: 'SIGTERM with a request whose body never arrives, --shutdown-grace 1000',
        expected: 'exit 1 once the grace period is over, with the count of dropped requests logged',
        observed: `exit ${exit.code} after ${exitMs} ms; stderr: "${/grace period.*dropped/.exec(server.stderr())?.[0] ?? ''}"`,
      });
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
