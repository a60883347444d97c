import { Worker } from 'node:worker_threads';

/** Bytes of a worker's status block: a failure flag (int32), then the error text. */
export const STATUS_BYTES = 4096;

/** What a pooled worker receives when it starts. */
export interface PoolWorkerData {
  /** Its status block, see {@link STATUS_BYTES}. */
  status: SharedArrayBuffer;
}

export class WorkerThreadError extends Error {
  override readonly name = 'WorkerThreadError';
  readonly code = 'WORKER_FAILED';
}

interface Pooled {
  worker: Worker;
  status: Int32Array;
}

// Worker threads live as long as the process (unref'd, they never keep it alive): starting one
// costs about 200 ms here (tsx registers itself in it), more than a small training takes.
const pool: Pooled[] = [];
let busy = false;

/**
 * The code that starts a worker on `hist-worker.ts`. Node 20 does not pass tsx's loader (nor
 * vitest's transform) on to worker threads, so the worker registers tsx itself when it is there.
 */
function bootstrap(): string {
  const file = new URL(`./hist-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  let tsx = '';
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    // no tsx: the worker file is plain JavaScript
  }
  const load = `import(${JSON.stringify(file)})`;
  const start = tsx && file.endsWith('.ts') ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${load}; })` : load;
  const fail = `(e) => { const { workerData: w } = require('node:worker_threads'); const s = new Int32Array(w.status, 0, 1);
    new TextEncoder().encodeInto(String((e && e.stack) || e), new Uint8Array(w.status, 4)); Atomics.store(s, 0, 1); }`;
  return `${start}.catch(${fail});`;
}

/** Starts workers until the pool holds `count` (they load while the caller does other work). */
export function warmWorkers(count: number): void {
  while (pool.length < count) {
    const workerData: PoolWorkerData = { status: new SharedArrayBuffer(STATUS_BYTES) };
    const worker = new Worker(bootstrap(), { eval: true, workerData });
    worker.unref();
    pool.push({ worker, status: new Int32Array(workerData.status, 0, 1) });
  }
}

/**
 * `count` pooled workers for one training, or null when the pool is already in use (a training
 * started from inside another one's callback); `release()` gives them back.
 */
export function acquireWorkers(count: number): { workers: Worker[]; check: () => void; release: () => void } | null {
  if (busy) return null;
  warmWorkers(count);
  busy = true;
  const used = pool.slice(0, count);
  const check = (): void => {
    const failed = used.findIndex((p) => Atomics.load(p.status, 0) !== 0);
    if (failed < 0) return;
    const p = used[failed]!;
    const text = new TextDecoder().decode(new Uint8Array(p.status.buffer, 4)).replace(/\0+$/, '');
    pool.splice(pool.indexOf(p), 1);
    void p.worker.terminate();
    throw new WorkerThreadError(`trees: a training worker thread failed (train with { threads: 1 } to work without them): ${text}`);
  };
  const release = (): void => {
    busy = false;
  };
  return { workers: used.map((p) => p.worker), check, release };
}
