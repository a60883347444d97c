import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';
import { PredictionLog } from './prediction-log.ts';

// Configuration, read once at start-up: PORT, MODEL_DIR, ACTUALS_FILE, PREDICTION_LOG.
const port = Number(process.env['PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sales-web: PORT must be an integer from 0 to 65535 (0 picks a free port), got ${JSON.stringify(process.env['PORT'])}`);
  process.exit(1);
}
const modelDir = resolve(process.env['MODEL_DIR'] ?? 'dist/models/sales-forecast-gated');
const actualsFile = resolve(process.env['ACTUALS_FILE'] ?? 'data/monitoring/actuals.jsonl');
const predictionLogFile = process.env['PREDICTION_LOG'];
// A log that fails (a closed pipe, a full disk) says so once on stderr and never takes the server down.
const predictionLog = PredictionLog.open(predictionLogFile ? resolve(predictionLogFile) : 1);
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

// Graceful shutdown: stop accepting, let in-flight requests finish, flush the log, then exit 0.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.error(`sales-web: ${signal} received, draining in-flight requests`);
    server.close(() => {
      void predictionLog
        .close()
        .then(() => state.model?.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
