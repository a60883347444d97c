import type { Server, ServerResponse } from 'node:http';

/** How long in-flight requests get after SIGTERM before the process exits anyway. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** What {@link GracefulShutdown.begin} needs to finish the job. */
export interface ShutdownOptions {
  signal: string;
  /** In-flight requests get this long; then they are cut and the process exits 1. */
  graceMs: number;
  /** Runs once every connection is closed: flush the log, release the model. */
  drain: () => Promise<void>;
  /** Where the shutdown says what it does (stderr). */
  say: (message: string) => void;
}

/**
 * Graceful shutdown with a deadline. Create it with the server, so it counts in-flight requests;
 * call {@link begin} from the signal handlers.
 */
export class GracefulShutdown {
  private readonly inFlight = new Set<ServerResponse>();
  private closing = false;

  constructor(private readonly server: Server) {
    // First of the request listeners, so even an answer sent at once gets the header.
    server.prependListener('request', (_req, res: ServerResponse) => {
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      if (this.closing) res.setHeader('Connection', 'close');
    });
  }

  /**
   * From now on: the listening socket is closed, idle kept-alive connections are closed, and every
   * answer still to be sent, in flight or arriving on a kept-alive connection, carries
   * `Connection: close`, so each connection gets at most the answer it waits for, then ends. When
   * the last connection is gone, `drain` runs and the process exits 0. If that has not happened
   * within `graceMs`, the remaining connections are cut, the requests dropped are counted in a
   * message, and the process exits 1.
   */
  begin(o: ShutdownOptions): void {
    if (this.closing) return;
    this.closing = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = setTimeout(() => {
      const dropped = this.inFlight.size;
      o.say(`${o.signal}: grace period of ${o.graceMs} ms over; exiting with ${plural(dropped, 'in-flight request')} dropped`);
      this.server.closeAllConnections();
      process.exit(1);
    }, o.graceMs);
    deadline.unref();
    this.server.close(() => {
      void o
        .drain()
        .catch((error: unknown) => o.say(`shutdown: ${(error as Error).message}`))
        .finally(() => {
          clearTimeout(deadline);
          process.exit(0);
        });
    });
    this.server.closeIdleConnections();
    o.say(`${o.signal} received, no longer accepting; draining ${plural(this.inFlight.size, 'in-flight request')} (at most ${o.graceMs} ms)`);
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
