import { Worker } from 'node:worker_threads';
import type { Forecast } from './forecast-model.ts';

/** The forecasts of one request, with the feature matrix they came from (row-major). */
export interface PredictionRecord {
  requestId: string;
  modelVersion: string;
  forecasts: readonly Forecast[];
  features: Float32Array;
}

/**
 * The predictions of one turn, packed in columns: strings and moved typed arrays cost the server
 * next to nothing to send, where structured cloning an object per forecast did not.
 */
export interface PackedRecords {
  type: 'records';
  time: number;
  /** Request ids, one per request, joined by newlines (a header value cannot hold one). */
  requestIds: string;
  /** Model versions, one per request, joined by newlines. */
  modelVersions: string;
  /** How many rows each request has. */
  rows: Uint32Array<ArrayBuffer>;
  /** One entry per forecast, across all requests, in order; dates are validated ISO dates, 10 characters each. */
  dates: string;
  items: Int32Array<ArrayBuffer>;
  stores: Int32Array<ArrayBuffer>;
  promotions: Uint8Array<ArrayBuffer>;
  unitSales: Float64Array<ArrayBuffer>;
  /** Row-major, the same number of features per row. */
  features: Float32Array<ArrayBuffer>;
}
/** Main thread to writer thread. */
export type LogMessage = PackedRecords | { type: 'flush'; seq: number };
/** Writer thread to main thread. */
export type LogReply = { type: 'flushed'; seq: number } | { type: 'error'; message: string };

/** Options of {@link PredictionLog.open}. */
export interface PredictionLogOptions {
  /** Told once, in plain words, when the log stops working; serving goes on without it. */
  onError?: (message: string) => void;
}

/**
 * The prediction log: one pino JSON line per forecast (request id, model version, inputs, features,
 * output), for a collector such as fluentd to ship.
 *
 * Lines are formatted and written on a worker thread. The server answers from one thread, and
 * formatting a line with its 21 features cost more than the forecast itself (about 15 % of
 * throughput, measured in `npm run bench`). The records of one event-loop turn go over in one
 * message. A log that fails (a full disk, a closed pipe) is reported once and never stops serving.
 */
export class PredictionLog {
  private pending: PredictionRecord[] = [];
  private scheduled = false;
  private failed = false;
  private seq = 0;
  private readonly waiting = new Map<number, () => void>();

  private constructor(
    private readonly worker: Worker,
    private readonly onError: (message: string) => void,
  ) {
    worker.on('message', (reply: LogReply) => {
      if (reply.type === 'error') this.fail(reply.message);
      else this.settle(reply.seq);
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', () => this.fail('the log writer stopped'));
    // The log never keeps the process alive; shutdown closes it explicitly.
    worker.unref();
  }

  /**
   * Starts the writer thread.
   * @param dest a file path (its folder is created), or 1 for stdout
   */
  static open(dest: string | 1, options: PredictionLogOptions = {}): PredictionLog {
    const worker = new Worker(typeScriptBootstrap(new URL('./prediction-log-worker.ts', import.meta.url)), { eval: true, workerData: { dest } });
    return new PredictionLog(worker, options.onError ?? ((message) => console.error(`sales-web: prediction log disabled: ${message}`)));
  }

  /**
   * Queues the lines of one request; they are sent to the writer at the end of this turn.
   * `record.features` may be a view into a larger matrix: only its own rows are copied, at sending.
   */
  record(record: PredictionRecord): void {
    if (this.failed) return;
    this.pending.push(record);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.send());
    }
  }

  /** Resolves once every line recorded so far is written (or the log has failed). */
  flush(): Promise<void> {
    this.send();
    if (this.failed) return Promise.resolve();
    const seq = ++this.seq;
    // A pending flush keeps the process alive until the writer answers (during shutdown, nothing else does).
    this.worker.ref();
    return new Promise<void>((resolve) => {
      this.waiting.set(seq, resolve);
      this.worker.postMessage({ type: 'flush', seq } satisfies LogMessage);
    });
  }

  /** Flushes, then stops the writer thread. */
  async close(): Promise<void> {
    await this.flush();
    this.failed = true; // nothing more is accepted
    await this.worker.terminate();
  }

  private send(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.failed) return;
    const message = pack(this.pending);
    this.pending = [];
    const { rows, items, stores, promotions, unitSales, features } = message;
    this.worker.postMessage(message satisfies LogMessage, [rows.buffer, items.buffer, stores.buffer, promotions.buffer, unitSales.buffer, features.buffer]);
  }

  private settle(seq: number): void {
    for (const [s, resolve] of this.waiting) {
      if (s <= seq) {
        this.waiting.delete(s);
        resolve();
      }
    }
    if (this.waiting.size === 0) this.worker.unref();
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.pending = [];
    this.onError(message);
    this.settle(Infinity);
  }
}

function pack(records: readonly PredictionRecord[]): PackedRecords {
  let n = 0;
  let width = 0;
  for (const r of records) {
    n += r.forecasts.length;
    width += r.features.length;
  }
  const rows = new Uint32Array(records.length);
  const items = new Int32Array(n);
  const stores = new Int32Array(n);
  const promotions = new Uint8Array(n);
  const unitSales = new Float64Array(n);
  const features = new Float32Array(width);
  const dates: string[] = [];
  let row = 0;
  let at = 0;
  records.forEach((r, k) => {
    rows[k] = r.forecasts.length;
    for (const f of r.forecasts) {
      dates.push(f.date);
      items[row] = f.item_nbr;
      stores[row] = f.store_nbr;
      promotions[row] = f.onpromotion ? 1 : 0;
      unitSales[row++] = f.unit_sales;
    }
    features.set(r.features, at);
    at += r.features.length;
  });
  return {
    type: 'records',
    time: Date.now(),
    requestIds: records.map((r) => r.requestId).join('\n'),
    modelVersions: records.map((r) => r.modelVersion).join('\n'),
    rows,
    dates: dates.join(''),
    items,
    stores,
    promotions,
    unitSales,
    features,
  };
}

/**
 * The code that starts a worker on a `.ts` file. Node 20 does not pass tsx's loader (nor vitest's
 * transform) on to worker threads, so the worker registers tsx itself before importing the file.
 */
function typeScriptBootstrap(file: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
}
