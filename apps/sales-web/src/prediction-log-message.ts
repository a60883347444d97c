import type { Forecast } from './forecast-model.ts';

/**
 * The version of the prediction log's line format, in every line as `logVersion`; the format is
 * `prediction-log.schema.json` (see log-schema/log-schema.ts). Bump it with any change a reader
 * of the log would notice.
 */
export const PREDICTION_LOG_VERSION = 1;

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
  /** Numbers the messages, so the writer's acknowledgement says which lines are on disk. */
  seq: number;
  /** Someone waits for these lines: the writer answers `written` (otherwise it only moves the shared counter). */
  wake: boolean;
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
/**
 * Writer thread to main thread: `written` acknowledges every message up to `seq` (its lines are in
 * the file). It is sent only when asked (`wake`, a flush): otherwise the writer just stores the
 * last `seq` written in the shared counter, which the main thread reads when it needs to, so the
 * log costs the server no message per turn.
 */
export type LogReply = { type: 'written'; seq: number } | { type: 'error'; message: string };

/** What the writer thread is started with. */
export interface WriterData {
  /** A file path (its folder is created), or 1 for stdout. */
  dest: string | 1;
  /** Size rotation of a file destination; none for stdout. */
  rotate?: { maxBytes: number; keep: number };
  /** One Int32: the `seq` of the last message whose lines are written. */
  written: SharedArrayBuffer;
}

/** Packs the records of one turn into one message, numbered `seq`. */
export function pack(records: readonly PredictionRecord[], seq: number, wake: boolean): PackedRecords {
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
    seq,
    wake,
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
 * The code that starts a worker on `file`. Node 20 does not pass tsx's loader (nor vitest's
 * transform) on to worker threads, so a worker on a `.ts` file registers tsx itself before importing
 * it; a `.js` file (the release bundle's) is imported as it is, with no loader.
 */
export function workerBootstrap(file: URL): string {
  if (!file.pathname.endsWith('.ts')) return `import(${JSON.stringify(file.href)});`;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
}
