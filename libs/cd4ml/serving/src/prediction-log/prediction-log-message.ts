import { z } from 'zod';

/** How a field of a line's `input` or `output` travels to the writer thread. */
export type LogFieldKind = 'string' | 'number' | 'boolean';

/** A value of a line's `input` or `output`. */
export type LogValue = string | number | boolean;

/**
 * Which fields of a prediction go into a log line's `input` and which into its `output`, in the
 * line's order, each with its kind.
 * @example { input: [['date', 'string'], ['station', 'string'], ['temperature', 'number']], output: [['rentals', 'number']] }
 */
export interface PredictionLineShape<I extends string = string, O extends string = string> {
  input: readonly (readonly [I, LogFieldKind])[];
  output: readonly (readonly [O, LogFieldKind])[];
}

/** The predictions of one request, with the feature matrix they came from (row-major). */
export interface PredictionRecord<F extends string = string> {
  requestId: string;
  modelVersion: string;
  /** One per prediction, with the fields of the line's input and output (a forecast and what it answers). */
  predictions: readonly Readonly<Record<F, LogValue>>[];
  /** One feature row per prediction, the same width each; may be a view into a larger matrix. */
  features: Float32Array;
}

/** Strings in one text, `ends[i]` the end of the i-th: a request id or a station costs no structured clone. */
interface StringColumn {
  kind: 'string';
  text: string;
  ends: Uint32Array<ArrayBuffer>;
}
type PackedColumn = StringColumn | { kind: 'number'; values: Float64Array<ArrayBuffer> } | { kind: 'boolean'; values: Uint8Array<ArrayBuffer> };

/**
 * The predictions of one turn, packed in columns: strings and moved typed arrays cost the server
 * next to nothing to send, where structured cloning an object per prediction did not.
 */
export interface PackedRecords {
  type: 'records';
  /** Numbers the messages, so the writer's acknowledgement says which lines are on disk. */
  seq: number;
  /** Someone waits for these lines: the writer answers `written` (otherwise it only moves the shared counter). */
  wake: boolean;
  time: number;
  /** One per request. */
  requestIds: StringColumn;
  modelVersions: StringColumn;
  /** How many predictions each request has. */
  rows: Uint32Array<ArrayBuffer>;
  /** One per field of the shape, input fields first; one entry per prediction, across all requests, in order. */
  columns: PackedColumn[];
  /** Row-major, the same number of features per prediction. */
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

/** What the writer thread is started with, checked when it starts. */
export const writerDataSchema = z.object({
  /** A file path (its folder is created), or 1 for stdout. */
  dest: z.union([z.string().min(1), z.literal(1)]),
  /** Size rotation of a file destination; none for stdout. */
  rotate: z.object({ maxBytes: z.number().int().positive(), keep: z.number().int().positive() }).optional(),
  /** One Int32: the `seq` of the last message whose lines are written. */
  written: z.instanceof(SharedArrayBuffer),
  /** Every line's `service`. */
  service: z.string().min(1),
  /** The names of the input fields, then of the output fields, in column order. */
  input: z.array(z.string()),
  output: z.array(z.string()),
});
export type WriterData = z.infer<typeof writerDataSchema>;

function stringColumn(values: readonly string[]): StringColumn {
  const ends = new Uint32Array(values.length);
  let end = 0;
  values.forEach((v, i) => (ends[i] = end += v.length));
  return { kind: 'string', text: values.join(''), ends };
}

/** The i-th value of a packed column. */
export function valueAt(column: PackedColumn, i: number): LogValue {
  if (column.kind === 'number') return column.values[i]!;
  if (column.kind === 'boolean') return column.values[i] === 1;
  return column.text.slice(i === 0 ? 0 : column.ends[i - 1], column.ends[i]);
}

/** Packs the records of one turn into one message, numbered `seq`, with a column per field of `shape`. */
export function pack<F extends string>(records: readonly PredictionRecord<F>[], shape: PredictionLineShape<F, F>, seq: number, wake: boolean): PackedRecords {
  const all = records.flatMap((r) => r.predictions);
  const columns = [...shape.input, ...shape.output].map(([name, kind]): PackedColumn => {
    if (kind === 'string') return stringColumn(all.map((p) => String(p[name])));
    if (kind === 'number') return { kind, values: Float64Array.from(all, (p) => Number(p[name])) };
    return { kind, values: Uint8Array.from(all, (p) => (p[name] === true ? 1 : 0)) };
  });
  const features = new Float32Array(records.reduce((width, r) => width + r.features.length, 0));
  let at = 0;
  for (const r of records) {
    features.set(r.features, at);
    at += r.features.length;
  }
  return {
    type: 'records',
    seq,
    wake,
    time: Date.now(),
    requestIds: stringColumn(records.map((r) => r.requestId)),
    modelVersions: stringColumn(records.map((r) => r.modelVersion)),
    rows: Uint32Array.from(records, (r) => r.predictions.length),
    columns,
    features,
  };
}

/** The buffers a packed message moves to the writer instead of copying. */
export function transferList(message: PackedRecords): ArrayBuffer[] {
  const columns = message.columns.map((c) => (c.kind === 'string' ? c.ends.buffer : c.values.buffer));
  return [message.requestIds.ends.buffer, message.modelVersions.ends.buffer, message.rows.buffer, message.features.buffer, ...columns];
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
