import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { rotateFile } from '../files/rotate-file.ts';
import { PREDICTION_LOG_VERSION } from './prediction-line.ts';
import { valueAt, writerDataSchema, type LogMessage, type LogReply, type LogValue, type PackedRecords } from './prediction-log-message.ts';

// The prediction log's writer thread (see PredictionLog): formats each record as one pino JSON line
// and writes it to a file or to stdout, away from the thread that answers requests.
const { dest, rotate, written, service, input, output } = writerDataSchema.parse(workerData);
const writtenSeq = new Int32Array(written);
const port = parentPort!;
const reply = (message: LogReply) => port.postMessage(message);

// Synchronous writes in 8 KiB chunks, and the rest at the end of every message (one per turn of
// the server's event loop). Each message is acknowledged once its lines are written (the shared
// counter, and a reply when asked): in the kernel's hands, so a killed process loses none of them
// (a power cut still may: no fsync, which would cost a disk flush per turn).
const destination = pino.destination({ dest, sync: true, mkdir: true, minLength: 8192 });
let failed = false;
destination.on('error', (error: Error) => {
  if (!failed) reply({ type: 'error', message: error.message });
  failed = true;
});

// Each line carries the time its prediction was made, not the time it was written.
let time = '';
const log = pino({ base: { service, logVersion: PREDICTION_LOG_VERSION }, timestamp: () => time }, destination);

/** Writes what is buffered. */
function flush(): void {
  if (failed) return;
  try {
    destination.flushSync();
  } catch (error) {
    failed = true;
    reply({ type: 'error', message: (error as Error).message });
  }
}

/**
 * Past the size limit, starts a new file before the next lines are written: a rotation only ever
 * falls between two whole lines, and never leaves the newest file empty for a reader or a shipper.
 */
function rotateIfFull(): void {
  if (failed || !rotate || typeof dest !== 'string') return;
  try {
    if ((statSync(dest, { throwIfNoEntry: false })?.size ?? 0) >= rotate.maxBytes) {
      rotateFile(dest, rotate.keep);
      destination.reopen();
    }
  } catch (error) {
    failed = true;
    reply({ type: 'error', message: (error as Error).message });
  }
}

/** One line per prediction, in order; a request of several predictions numbers them by `row`. */
function writeLines(message: PackedRecords): void {
  time = `,"time":"${new Date(message.time).toISOString()}"`;
  const { rows, columns, features } = message;
  const total = rows.reduce((sum, count) => sum + count, 0);
  const n = total > 0 ? features.length / total : 0;
  const fields = (names: readonly string[], from: number, at: number): Record<string, LogValue> => Object.fromEntries(names.map((name, f) => [name, valueAt(columns[from + f]!, at)]));
  let at = 0;
  rows.forEach((count, k) => {
    const requestId = valueAt(message.requestIds, k);
    const modelVersion = valueAt(message.modelVersions, k);
    for (let row = 0; row < count; row++, at++) {
      log.info({
        requestId,
        modelVersion,
        ...(count > 1 ? { row } : {}),
        input: fields(input, 0, at),
        features: Array.from(features.subarray(at * n, (at + 1) * n)),
        output: fields(output, input.length, at),
      });
    }
  });
}

port.on('message', (message: LogMessage) => {
  if (message.type === 'records') rotateIfFull();
  if (message.type === 'records' && !failed) writeLines(message);
  flush();
  Atomics.store(writtenSeq, 0, message.seq);
  if (message.type === 'flush' || message.wake) reply({ type: 'written', seq: message.seq });
});
