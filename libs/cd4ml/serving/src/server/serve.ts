import { createServer, type RequestListener } from 'node:http';
import { resolve } from 'node:path';
import type { Rotation } from '../files/rotate-file.ts';
import type { PredictionLineShape } from '../prediction-log/prediction-log-message.ts';
import { PredictionLog } from '../prediction-log/prediction-log.ts';
import { readiness, type ReadinessOptions, type ServingState, type VerifiedModel } from '../readiness/readiness.ts';
import type { ServeOptions } from './serve-options.ts';
import { GracefulShutdown } from './shutdown.ts';

/** What {@link serve} made from the options, for the domain's app: an app's options take these as they are. */
export interface ServingServices<F extends string> {
  /** The prediction log: the `--prediction-log` file, or stdout. */
  predictionLog: PredictionLog<F>;
  /** Where posted actuals go (`--actuals`), the `file` and `rotation` of {@link actualsRoute}; absent: the route answers 503. */
  actuals?: { file: string; rotation: Rotation };
  /** The release served (`--release`, CD4ML_RELEASE); '' outside a release. */
  releaseId: string;
}

/** What a model app hands {@link serve}. */
export interface ServeConfig<M extends VerifiedModel, I extends string, O extends string> {
  /** The app's name: the banner, every message and every log line start with it. */
  name: string;
  /** The parsed standard options ({@link addServeOptions}). */
  options: ServeOptions;
  /** Loads and verifies the model in a folder; the message of what it throws is the not-ready reason. */
  load: (dir: string) => Promise<M>;
  /** Which fields of a prediction the prediction log writes. */
  predictionLine: PredictionLineShape<I, O>;
  /** Builds the app around the state, with what the options set up; listening is {@link serve}'s job. */
  app: (state: ServingState<M>, services: ServingServices<I | O>) => RequestListener;
  /** The banner's example request, e.g. `curl '${base}/api/v1/forecast?date=2025-01-06'`. */
  example: (base: string, state: ServingState<M>) => string;
  readiness?: ReadinessOptions;
  /** Runs before listening (bundling a UI), so a failure shows at start, not on a user's first visit. */
  prepare?: () => Promise<void>;
}

/**
 * Serves a model app the standard way: loads the model first (without a good one the app still
 * listens, `/health` answers and `/ready` says why not), then listens on `--host`/`--port` and
 * prints a banner with an example request. A port in use or an address of no interface is a plain
 * message and exit code 1. SIGTERM and SIGINT shut down gracefully: in-flight requests drain, the
 * prediction log is flushed and the model released, exit 0; or exit 1 after `--shutdown-grace`,
 * naming how many requests were dropped.
 */
export async function serve<M extends VerifiedModel, I extends string, O extends string>(c: ServeConfig<M, I, O>): Promise<void> {
  const { name, options } = c;
  const say = (message: string) => console.error(`${name}: ${message}`);
  // A supervisor that stops reading our stdout (a closed pipe) must not crash the server.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') say(`stdout: ${error.message}`);
  });
  // A log that fails (a closed pipe, a full disk) says so once on stderr and never takes the server down.
  const predictionLog = PredictionLog.open(options.predictionLog ? resolve(options.predictionLog) : 1, {
    service: name,
    shape: c.predictionLine,
    maxUnwritten: options.predictionLogMaxUnwritten,
    whenFull: options.predictionLogWhenFull,
    rotate: { maxBytes: options.predictionLogMaxBytes, keep: options.predictionLogKeep },
  });
  const state: ServingState<M> = {};
  try {
    state.model = await c.load(resolve(options.model));
  } catch (error) {
    state.notReadyReason = error instanceof Error ? error.message : String(error);
    say(`model not loaded, not ready: ${state.notReadyReason}`);
  }
  const ready = readiness(state, c.readiness);
  if (state.model && !ready.ready) say(`not ready: ${ready.reason}`);
  await c.prepare?.();

  const actuals = options.actuals ? { actuals: { file: resolve(options.actuals), rotation: { maxBytes: options.actualsMaxBytes, keep: options.actualsKeep } } } : {};
  const server = createServer(c.app(state, { predictionLog, releaseId: options.release, ...actuals }));
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    // Loopback and every-interface addresses are reached as localhost from this machine.
    const host = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(options.host) ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
    const base = `http://${host}:${port}`;
    // The banner goes to stdout (READMEs and the pipeline runner read it); log shippers skip non-JSON lines.
    console.log(`${name} listening on ${base} with ${state.model ? `model ${state.model.card.modelVersion}` : 'NO MODEL (not ready)'}. Try:`);
    console.log(`  ${c.example(base, state)}`);
    console.log('Press Ctrl+C to stop.');
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') say(`port ${options.port} is in use; pass --port (or PORT) with another port`);
    else if (error.code === 'EADDRNOTAVAIL') say(`no interface has the address ${options.host}; pass --host (or HOST) with one of this machine's, or 0.0.0.0`);
    else say(error.message);
    process.exitCode = 1;
  });
  server.listen(options.port, options.host);

  // Graceful shutdown with a deadline: stop accepting, end kept-alive connections after their
  // current answer, let in-flight requests finish, flush the log, then exit 0; or exit 1 after the grace.
  const shutdown = new GracefulShutdown(server);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () =>
      shutdown.begin({
        signal,
        graceMs: options.shutdownGrace,
        drain: () => predictionLog.close().then(() => state.model?.close()),
        say,
      }),
    );
  }
}
