import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

const port = Number(process.env['PORT'] ?? 3000);
const modelDir = resolve(process.env['MODEL_DIR'] ?? 'dist/models/sales-forecast');
const state: AppState = {};

// Load first, then listen: /ready answers 503 with the reason if the model is missing or bad,
// and /health still answers, so an orchestrator can tell "alive but not ready".
try {
  state.model = await ForecastModel.load(modelDir);
} catch (error) {
  state.notReadyReason = (error as Error).message;
  console.error(`sales-web: model not loaded, not ready: ${state.notReadyReason}`);
}

const server: Server = createApp(state).listen(port, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const model = state.model ? `model ${state.model.version}` : 'NO MODEL (not ready)';
  console.log(`sales-web listening on http://localhost:${actualPort} with ${model}. Try:`);
  console.log(`  curl 'http://localhost:${actualPort}/api/v1/forecast?date=2017-08-16&item_nbr=99197'`);
  console.log('Press Ctrl+C to stop.');
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `sales-web: port ${port} is in use; set PORT to another port` : `sales-web: ${error.message}`);
  process.exitCode = 1;
});

// Graceful shutdown: stop accepting, let in-flight requests finish, then exit 0.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => {
      void state.model?.close().finally(() => process.exit(0));
      if (!state.model) process.exit(0);
    });
    server.closeIdleConnections();
  });
}
