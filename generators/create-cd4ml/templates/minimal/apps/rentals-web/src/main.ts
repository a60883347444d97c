import { resolve } from 'node:path';
import { integer } from '@cd4ml/cli';
import { Command, Option } from '@commander-js/extra-typings';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

const program = new Command('rentals-web')
  .description('Serve the rentals forecast: JSON API, /health and /ready.')
  .addOption(new Option('--model <dir>', "model folder: the gate stage's output (model.onnx, model.json, gates.json, manifest.json)").env('MODEL_DIR').makeOptionMandatory())
  .addOption(new Option('--port <n>', 'listening port; 0 picks a free one').env('PORT').argParser(integer({ min: 0, max: 65535 })).default(3000))
  .addHelpText('after', '\nRun it through Nx, which passes the gated model: npx nx run rentals-web:serve');
const options = program.parse().opts();

// Load first, then listen: without a good, gated model /ready answers 503 with the reason while
// /health still answers, so an orchestrator can tell "alive" from "ready".
const state: AppState = {};
try {
  state.model = await ForecastModel.load(resolve(options.model));
} catch (error) {
  state.notReadyReason = (error as Error).message;
}
const notReady = state.model ? state.model.notReadyReason() : state.notReadyReason;
if (notReady) console.error(`rentals-web: not ready: ${notReady}`);

// Express 5 calls this back with the error when it cannot listen (a port in use), not only on success.
const server = createApp(state).listen(options.port, (error?: NodeJS.ErrnoException) => {
  if (error) {
    console.error(error.code === 'EADDRINUSE' ? `rentals-web: port ${options.port} is in use; pass --port (or PORT) with another one` : `rentals-web: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  console.log(`rentals-web listening on http://localhost:${port} with ${state.model ? `model ${state.model.card.modelVersion}` : 'NO MODEL (not ready)'}. Try:`);
  console.log(`  curl 'http://localhost:${port}/api/v1/forecast?date=2025-01-06&station=${state.model?.card.spec.stations[0] ?? 'central'}&temperature=4.5&precipitation=0'`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    // Stop accepting, let in-flight requests finish, release the model, exit 0.
    server.close(() => {
      void (state.model?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
