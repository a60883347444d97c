import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import type { LogMessage, LogReply } from './prediction-log.ts';

// The prediction log's writer thread (see PredictionLog): formats each record as one pino JSON line
// and writes it to a file or to stdout, away from the thread that answers requests.
const { dest } = workerData as { dest: string | 1 };
const port = parentPort!;
const reply = (message: LogReply) => port.postMessage(message);

// Synchronous writes in 8 KiB chunks, and the rest at the end of every message (one per turn of
// the server's event loop): a reader of the file or of stdout sees each line within a turn, and a
// flush that returns has really written every line it was asked for.
const destination = pino.destination({ dest, sync: true, mkdir: true, minLength: 8192 });
let failed = false;
destination.on('error', (error: Error) => {
  if (!failed) reply({ type: 'error', message: error.message });
  failed = true;
});

// Each line carries the time its prediction was made, not the time it was written.
let time = '';
const log = pino({ base: { service: 'sales-web' }, timestamp: () => time }, destination);

function flush(): void {
  if (failed) return;
  try {
    destination.flushSync();
  } catch (error) {
    failed = true;
    reply({ type: 'error', message: (error as Error).message });
  }
}

port.on('message', (message: LogMessage) => {
  if (message.type === 'flush') {
    flush();
    reply({ type: 'flushed', seq: message.seq });
    return;
  }
  if (failed) return;
  time = `,"time":"${new Date(message.time).toISOString()}"`;
  const { records, features } = message;
  const n = features.length / records.reduce((sum, r) => sum + r.forecasts.length, 0);
  let at = 0;
  for (const { requestId, modelVersion, forecasts } of records) {
    forecasts.forEach((forecast, row) => {
      log.info({
        requestId,
        modelVersion,
        ...(forecasts.length > 1 ? { row } : {}),
        input: { date: forecast.date, item_nbr: forecast.item_nbr, store_nbr: forecast.store_nbr, onpromotion: forecast.onpromotion },
        features: Array.from(features.subarray(at, (at += n))),
        output: { unit_sales: forecast.unit_sales },
      });
    });
  }
  flush();
});
