import { Worker } from 'node:worker_threads';
import type { Rotation } from '../files/rotate-file.ts';
import { pack, transferList, workerBootstrap, type LogMessage, type LogReply, type PredictionLineShape, type PredictionRecord, type WriterData } from './prediction-log-message.ts';

/** What a prediction does when the log is behind by more than `maxUnwritten` lines. */
export const WHEN_FULL = ['wait', 'shed'] as const;
export type WhenFull = (typeof WHEN_FULL)[number];

/** Options of {@link PredictionLog.open}. */
export interface PredictionLogOptions<I extends string, O extends string> {
  /** Every line's `service`: the app's name, e.g. "rentals-web". */
  service: string;
  /** Which fields of a prediction go into a line's `input` and `output`. */
  shape: PredictionLineShape<I, O>;
  /** Told once, in plain words, when the log stops working; serving goes on without it. @default a line on stderr */
  onError?: (message: string) => void;
  /**
   * The most predictions that may be answered while their lines are not yet written: the
   * worst-case loss of a hard crash (`kill -9`). 0: every answer waits for its own lines.
   * @default 1000
   */
  maxUnwritten?: number;
  /**
   * Past that bound, `wait` (backpressure: the answer waits until its lines are written, so a
   * saturated writer slows serving down) or `shed` (the lines are dropped, counted in
   * `prediction_log_dropped_total`, and the answer goes at once).
   * @default 'wait'
   */
  whenFull?: WhenFull;
  /** Size rotation of a file destination. @default none */
  rotate?: Rotation;
}

/** The log's state, for `/metrics`. */
export interface PredictionLogStats {
  /** Lines handed to the log and not yet written. */
  unwritten: number;
  /** Seconds since the oldest of them was recorded (0 when there is none): how far the log is behind. */
  lagSeconds: number;
  written: number;
  /** Lines never written: shed under load, or lost to a failed log. */
  dropped: number;
}

/** The lines of one message on their way to the writer. */
interface Batch {
  seq: number;
  lines: number;
  /** Lines of this batch whose requests were already answered. */
  answered: number;
  time: number;
  waiters: (() => void)[];
}

const emptyBatch = (): Batch => ({ seq: 0, lines: 0, answered: 0, time: 0, waiters: [] });

/**
 * The prediction log: one pino JSON line per prediction (request id, model version, input,
 * features, output, `logVersion`), for a collector such as fluentd or Vector to ship, and for the
 * monitor to read (`predictionLineSchema`).
 *
 * Lines are formatted and written on a worker thread. The server answers from one thread, and
 * formatting a line with its 21 features cost more than the forecast itself (about 15 % of
 * throughput, measured in sales-web's `npm run bench`). The records of one event-loop turn go over
 * in one message, and the writer acknowledges each message once its lines are in the file. At most
 * `maxUnwritten` answered predictions are ever unacknowledged: past that, answers wait (or lines
 * are shed and counted). A log that fails (a full disk, a closed pipe) is reported once and never
 * stops serving.
 */
export class PredictionLog<F extends string = string> {
  private next = emptyBatch();
  private pending: PredictionRecord<F>[] = [];
  private readonly inFlight: Batch[] = [];
  private readonly flushes = new Map<number, () => void>();
  private scheduled = false;
  private failed = false;
  private seq = 0;
  private unwrittenAnswered = 0;
  private written = 0;
  private dropped = 0;

  private constructor(
    private readonly worker: Worker,
    /** The writer's shared counter: the last message whose lines are written. */
    private readonly writtenSeq: Int32Array,
    private readonly shape: PredictionLineShape<F, F>,
    private readonly onError: (message: string) => void,
    private readonly maxUnwritten: number,
    private readonly whenFull: WhenFull,
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
   * @example PredictionLog.open('predictions.jsonl', { service: 'rentals-web', shape: { input: [['date', 'string'], ['station', 'string']], output: [['rentals', 'number']] } })
   */
  static open<I extends string, O extends string>(dest: string | 1, o: PredictionLogOptions<I, O>): PredictionLog<I | O> {
    const written = new SharedArrayBuffer(4);
    const workerData: WriterData = {
      dest,
      written,
      service: o.service,
      input: o.shape.input.map(([name]) => name),
      output: o.shape.output.map(([name]) => name),
      ...(o.rotate && dest !== 1 ? { rotate: o.rotate } : {}),
    };
    const worker = new Worker(workerBootstrap(new URL('./prediction-log-worker.ts', import.meta.url)), { eval: true, workerData });
    const onError = o.onError ?? ((message) => console.error(`${o.service}: prediction log disabled: ${message}`));
    return new PredictionLog<I | O>(worker, new Int32Array(written), o.shape, onError, o.maxUnwritten ?? 1000, o.whenFull ?? 'wait');
  }

  /**
   * Queues the lines of one request; they are sent to the writer at the end of this turn.
   * `record.features` may be a view into a larger matrix: only its own rows are copied, at sending.
   *
   * @returns nothing when the request may be answered at once; a promise to await before answering
   *   when the log is more than `maxUnwritten` lines behind and `whenFull` is `wait`
   */
  record(record: PredictionRecord<F>): Promise<void> | undefined {
    this.settle(Atomics.load(this.writtenSeq, 0));
    const lines = record.predictions.length;
    const answerNow = this.unwrittenAnswered + lines <= this.maxUnwritten;
    if (this.failed || (!answerNow && this.whenFull === 'shed')) {
      this.dropped += lines;
      return undefined;
    }
    if (this.pending.length === 0) this.next.time = Date.now();
    this.pending.push(record);
    this.next.lines += lines;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.send());
    }
    if (answerNow) {
      this.unwrittenAnswered += lines;
      this.next.answered += lines;
      return undefined;
    }
    return new Promise<void>((resolve) => this.next.waiters.push(resolve));
  }

  /** Resolves once every line recorded so far is written (or the log has failed). */
  flush(): Promise<void> {
    this.send();
    if (this.failed) return Promise.resolve();
    const seq = ++this.seq;
    // A pending flush keeps the process alive until the writer answers (during shutdown, nothing else does).
    this.worker.ref();
    return new Promise<void>((resolve) => {
      this.flushes.set(seq, resolve);
      this.worker.postMessage({ type: 'flush', seq } satisfies LogMessage);
    });
  }

  /** Flushes, then stops the writer thread. */
  async close(): Promise<void> {
    await this.flush();
    this.failed = true; // nothing more is accepted
    await this.worker.terminate();
  }

  stats(): PredictionLogStats {
    if (!this.failed) this.settle(Atomics.load(this.writtenSeq, 0));
    const oldest = this.inFlight[0]?.time ?? (this.pending.length > 0 ? this.next.time : undefined);
    const unwritten = this.inFlight.reduce((sum, b) => sum + b.lines, this.next.lines);
    return { unwritten, lagSeconds: oldest === undefined ? 0 : Math.max(0, Date.now() - oldest) / 1000, written: this.written, dropped: this.dropped };
  }

  private send(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.failed) return;
    const batch = { ...this.next, seq: ++this.seq };
    const message = pack(this.pending, this.shape, batch.seq, batch.waiters.length > 0);
    this.pending = [];
    this.next = emptyBatch();
    this.inFlight.push(batch);
    this.worker.postMessage(message satisfies LogMessage, transferList(message));
  }

  /** Every message up to `seq` is written: its answers are released, its flushes resolved. */
  private settle(seq: number): void {
    while (this.inFlight[0] && this.inFlight[0].seq <= seq) {
      const batch = this.inFlight.shift()!;
      this.unwrittenAnswered -= batch.answered;
      this.written += batch.lines;
      for (const release of batch.waiters) release();
    }
    if (this.flushes.size === 0) return;
    for (const [s, resolve] of this.flushes) {
      if (s <= seq) {
        this.flushes.delete(s);
        resolve();
      }
    }
    if (this.flushes.size === 0) this.worker.unref();
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    // Whatever was not written is lost: counted, and its waiting answers released.
    for (const batch of [...this.inFlight.splice(0), this.next]) {
      this.dropped += batch.lines;
      for (const release of batch.waiters) release();
    }
    this.pending = [];
    this.next = emptyBatch();
    this.unwrittenAnswered = 0;
    this.onError(message);
    this.settle(Infinity);
  }
}
