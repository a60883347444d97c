import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { integer } from '@cd4ml/cli';
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULT_ACTUALS_ROTATION } from './actuals-store.ts';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';
import { PredictionLog, WHEN_FULL } from './prediction-log.ts';
import { DEFAULT_SHUTDOWN_GRACE_MS, GracefulShutdown } from './shutdown.ts';
import { uiBundle } from './ui-bundle.ts';

const MiB = 1024 * 1024;
// Configuration, read once at start-up, from options or the environment; no path has a default.
const program = new Command('sales-web')
  .description('Serve a sales forecast model: JSON API, web UI, /health, /ready and /metrics.')
  .addOption(new Option('--model <dir>', "model folder: the gate stage's output (model.onnx, model.json, gates.json, manifest.json)").env('MODEL_DIR').makeOptionMandatory())
  .addOption(new Option('--host <address>', 'interface to listen on; 0.0.0.0 (or ::) for every interface, as in a container').env('HOST').default('127.0.0.1'))
  .addOption(new Option('--port <n>', 'listening port; 0 picks a free one').env('PORT').argParser(integer({ min: 0, max: 65535 })).default(3000))
  .addOption(new Option('--actuals <file>', 'append posted actuals to this JSON-lines file; without it POST /api/v1/actuals answers 503').env('ACTUALS_FILE'))
  .addOption(new Option('--actuals-max-bytes <n>', 'rotate the actuals file past this size').env('ACTUALS_MAX_BYTES').argParser(integer({ min: 1024 })).default(DEFAULT_ACTUALS_ROTATION.maxBytes))
  .addOption(new Option('--actuals-keep <n>', 'rotated actuals files kept (actuals.jsonl.1 is the newest)').env('ACTUALS_KEEP').argParser(integer({ min: 1, max: 1000 })).default(DEFAULT_ACTUALS_ROTATION.keep))
  .addOption(new Option('--prediction-log <file>', 'append the prediction log (JSON lines) to this file instead of stdout').env('PREDICTION_LOG'))
  .addOption(
    new Option('--prediction-log-max-unwritten <lines>', 'the most answered predictions whose log lines may be unwritten: the worst-case loss of a hard crash (0: every answer waits for its lines)')
      .env('PREDICTION_LOG_MAX_UNWRITTEN')
      .argParser(integer({ min: 0 }))
      .default(1000),
  )
  .addOption(
    new Option('--prediction-log-when-full <policy>', 'past that bound: wait (the answer waits for its lines: backpressure) or shed (drop the lines, counted in prediction_log_dropped_total)')
      .env('PREDICTION_LOG_WHEN_FULL')
      .choices(WHEN_FULL)
      .default('wait' as const),
  )
  .addOption(new Option('--prediction-log-max-bytes <n>', 'rotate the prediction log file past this size').env('PREDICTION_LOG_MAX_BYTES').argParser(integer({ min: 1024 })).default(256 * MiB))
  .addOption(new Option('--prediction-log-keep <n>', 'rotated prediction log files kept').env('PREDICTION_LOG_KEEP').argParser(integer({ min: 1, max: 1000 })).default(4))
  .addOption(new Option('--shutdown-grace <ms>', 'after SIGTERM, in-flight requests get this long; then the process exits 1, saying how many were dropped').env('SHUTDOWN_GRACE_MS').argParser(integer({ min: 0 })).default(DEFAULT_SHUTDOWN_GRACE_MS))
  .addHelpText('after', '\nRun it through Nx, which passes the gated model: npx nx serve sales-web');
const options = program.parse().opts();

// A log that fails (a closed pipe, a full disk) says so once on stderr and never takes the server down.
const predictionLog = PredictionLog.open(options.predictionLog ? resolve(options.predictionLog) : 1, {
  maxUnwritten: options.predictionLogMaxUnwritten,
  whenFull: options.predictionLogWhenFull,
  rotate: { maxBytes: options.predictionLogMaxBytes, keep: options.predictionLogKeep },
});
const state: AppState = {};
// A supervisor that stops reading our stdout (a closed pipe) must not crash the server either.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') console.error(`sales-web: stdout: ${error.message}`);
});

// Load first, then listen: /ready answers 503 with the reason if the model is missing, bad or not
// gated, and /health still answers, so an orchestrator can tell "alive but not ready".
try {
  state.model = await ForecastModel.load(resolve(options.model));
} catch (error) {
  state.notReadyReason = (error as Error).message;
  console.error(`sales-web: model not loaded, not ready: ${state.notReadyReason}`);
}
// The UI is bundled before listening, so a broken UI shows up at start, not on a user's first visit.
await uiBundle().catch((error: unknown) => console.error(`sales-web: the web UI could not be bundled; the API still serves: ${(error as Error).message}`));

const actuals = options.actuals ? { actualsFile: resolve(options.actuals), actualsRotation: { maxBytes: options.actualsMaxBytes, keep: options.actualsKeep } } : {};
const server: Server = createApp(state, { ...actuals, predictionLog }).listen(options.port, options.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : options.port;
  const model = state.model ? `model ${state.model.version}` : 'NO MODEL (not ready)';
  // The banner stays on stdout (the README and the pipeline runner read it); log shippers skip non-JSON lines.
  const say = console.log;
  // Loopback and every-interface addresses are reached as localhost from this machine.
  const host = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(options.host) ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
  say(`sales-web listening on http://${host}:${actualPort} with ${model}. Try:`);
  say(`  curl 'http://${host}:${actualPort}/api/v1/forecast?date=2017-08-16&item_nbr=99197'`);
  say('Press Ctrl+C to stop.');
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `sales-web: port ${options.port} is in use; pass --port (or PORT) with another port`
      : error.code === 'EADDRNOTAVAIL'
        ? `sales-web: no interface has the address ${options.host}; pass --host (or HOST) with one of this machine's, or 0.0.0.0`
        : `sales-web: ${error.message}`);
  process.exitCode = 1;
});

// Graceful shutdown with a deadline: stop accepting, end kept-alive connections after their
// current answer, let in-flight requests finish, flush the log, then exit 0; or exit 1 after the grace.
const shutdown = new GracefulShutdown(server);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () =>
    shutdown.begin({
      signal,
      graceMs: options.shutdownGrace,
      drain: () => predictionLog.close().then(() => state.model?.close()),
      say: (message) => console.error(`sales-web: ${message}`),
    }),
  );
}
