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
  const { rows, dates, items, stores, promotions, unitSales, features } = message;
  const requestIds = message.requestIds.split('\n');
  const modelVersions = message.modelVersions.split('\n');
  const n = features.length / items.length;
  let at = 0;
  rows.forEach((count, k) => {
    for (let row = 0; row < count; row++, at++) {
      log.info({
        requestId: requestIds[k],
        modelVersion: modelVersions[k],
        ...(count > 1 ? { row } : {}),
        input: { date: dates.slice(at * 10, at * 10 + 10), item_nbr: items[at], store_nbr: stores[at], onpromotion: promotions[at] === 1 },
        features: Array.from(features.subarray(at * n, (at + 1) * n)),
        output: { unit_sales: unitSales[at] },
      });
    }
  });
  flush();
});
