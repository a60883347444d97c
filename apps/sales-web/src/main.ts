import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

// Configuration, read once at start-up: PORT, MODEL_DIR, ACTUALS_FILE, PREDICTION_LOG.
const port = Number(process.env['PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sales-web: PORT must be an integer from 0 to 65535 (0 picks a free port), got ${JSON.stringify(process.env['PORT'])}`);
  process.exit(1);
}
const modelDir = resolve(process.env['MODEL_DIR'] ?? 'dist/models/sales-forecast-gated');
const actualsFile = resolve(process.env['ACTUALS_FILE'] ?? 'data/monitoring/actuals.jsonl');
const predictionLogFile = process.env['PREDICTION_LOG'];
const destination = pino.destination({ dest: predictionLogFile ? resolve(predictionLogFile) : 1, mkdir: true, sync: false });
// A log reader that goes away (a closed pipe) must not take the server down: say so once, keep serving.
destination.once('error', (error: Error) => console.error(`sales-web: prediction log disabled: ${error.message}`));
destination.on('error', () => undefined);
const predictionLog = pino({ base: { service: 'sales-web' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
const state: AppState = {};
// A supervisor that stops reading our stdout (a closed pipe) must not crash the server either.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') console.error(`sales-web: stdout: ${error.message}`);
});

// Load first, then listen: /ready answers 503 with the reason if the model is missing or bad,
// and /health still answers, so an orchestrator can tell "alive but not ready".
try {
  state.model = await ForecastModel.load(modelDir);
} catch (error) {
  state.notReadyReason = (error as Error).message;
  console.error(`sales-web: model not loaded, not ready: ${state.notReadyReason}`);
}

const server: Server = createApp(state, { actualsFile, predictionLog }).listen(port, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const model = state.model ? `model ${state.model.version}` : 'NO MODEL (not ready)';
  // The banner stays on stdout (the README and the pipeline runner read it); log shippers skip non-JSON lines.
  const say = console.log;
  say(`sales-web listening on http://localhost:${actualPort} with ${model}. Try:`);
  say(`  curl 'http://localhost:${actualPort}/api/v1/forecast?date=2017-08-16&item_nbr=99197'`);
  say('Press Ctrl+C to stop.');
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `sales-web: port ${port} is in use; set PORT to another port` : `sales-web: ${error.message}`);
  process.exitCode = 1;
});

/** Writes out every buffered prediction log line, including those of the last responses. */
async function flushLog(): Promise<void> {
  // Log lines are written one turn after their response (see Forecaster): let that turn run first.
  await new Promise((resolve) => setImmediate(resolve));
  const boom = destination as unknown as { fd: number; once(event: 'ready' | 'error', listener: () => void): void };
  if (boom.fd < 0) await new Promise<void>((resolve) => (boom.once('ready', resolve), boom.once('error', resolve)));
  try {
    destination.flushSync();
  } catch {
    // the destination failed earlier (reported once on stderr); nothing more can be written
  }
}

// Graceful shutdown: stop accepting, let in-flight requests finish, flush the log, then exit 0.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.error(`sales-web: ${signal} received, draining in-flight requests`);
    server.close(() => {
      void flushLog()
        .then(() => state.model?.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
