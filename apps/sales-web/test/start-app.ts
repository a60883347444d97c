import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PredictionLog, type OpenActuals } from '@cd4ml/serving';
import type { Express } from 'express';
import type { SalesPredictionLog } from '../src/forecaster.ts';
import { createApp, type AppOptions } from '../src/app.ts';
import { ForecastModel } from '../src/forecast-model.ts';
import { predictionLine } from '../src/log-schema/log-schema.ts';

/** A running app on a free loopback port, with its own actuals file and prediction log. */
export interface RunningApp {
  base: string;
  model: ForecastModel;
  actualsFile: string;
  predictionLogFile: string;
  /** Call before reading the prediction log file: lines are written on the log's own thread. */
  predictionLog: SalesPredictionLog;
  close(): Promise<void>;
}

/** What a test may change: where 5xx are logged, the actuals file's seam, or no actuals file at all. */
export type StartOptions = Pick<AppOptions, 'logError'> & { openActuals?: OpenActuals; withoutActuals?: boolean };

/**
 * Loads the model in `modelDir` and serves it on a real port, logging predictions to a temp file.
 * @param wrap lets a test put middleware in front of the app (the breaking-change demo does).
 */
export async function startApp(modelDir: string, options: StartOptions = {}, wrap?: (app: Express) => Express): Promise<RunningApp> {
  const dir = await mkdtemp(join(tmpdir(), 'sales-web-app-'));
  const actualsFile = join(dir, 'monitoring', 'actuals.jsonl');
  const predictionLogFile = join(dir, 'predictions.jsonl');
  const predictionLog = PredictionLog.open(predictionLogFile, { service: 'sales-web', shape: predictionLine });
  const model = await ForecastModel.load(modelDir);
  const { openActuals, withoutActuals, ...rest } = options;
  const app = createApp({ model }, { predictionLog, ...rest, ...(withoutActuals ? {} : { actuals: { file: actualsFile, openFile: openActuals } }) });
  const server: Server = (wrap ? wrap(app) : app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    model,
    actualsFile,
    predictionLogFile,
    predictionLog,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await predictionLog.close();
      await model.close();
    },
  };
}
