import { Worker } from 'node:worker_threads';
import type { SplitEngine } from './grow-tree.ts';
import { viewSpace, type SpaceBuffers } from './hist-space.ts';
import { R, RESULT_LEN, runTask } from './histogram.ts';

/** Control block fields (Int32Array over shared memory). */
export const C = { gen: 0, done: 1, failed: 2, stop: 3, ranges: 4 } as const;
/** Bytes of the error text a failing worker leaves for the main thread. */
export const ERROR_BYTES = 2048;
/** Spins before sleeping on a futex: a task arrives within microseconds of the last one. */
export const SPINS = 200_000;

/** What each worker receives. */
export interface WorkerData {
  buffers: SpaceBuffers;
  ctrl: SharedArrayBuffer;
  error: SharedArrayBuffer;
  thread: number;
}

export class WorkerThreadError extends Error {
  override readonly name = 'WorkerThreadError';
  readonly code = 'WORKER_FAILED';
}

/**
 * The code that starts the worker on `hist-worker.ts`. Node 20 does not pass tsx's loader (nor
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
  const fail = `(e) => { const { workerData: w } = require('node:worker_threads'); const c = new Int32Array(w.ctrl);
    new TextEncoder().encodeInto(String(e && e.stack || e), new Uint8Array(w.error)); Atomics.store(c, ${C.failed}, 1); Atomics.notify(c, ${C.done}); }`;
  const start = tsx && file.endsWith('.ts') ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${load}; })` : load;
  return `${start}.catch(${fail});`;
}

/**
 * Runs each task on `threads` threads (this one and `threads - 1` workers), each on a contiguous
 * share of the features. A feature's histogram is always built by one thread in row order and
 * the per-thread best splits are reduced in feature order, so the result does not depend on
 * `threads`. Call `close()` when done.
 */
export function parallelEngine(buffers: SpaceBuffers, threads: number): SplitEngine & { close(): void } {
  const space = viewSpace(buffers);
  const ctrlBuf = new SharedArrayBuffer((C.ranges + 2 * threads) * 4);
  const errorBuf = new SharedArrayBuffer(ERROR_BYTES);
  const ctrl = new Int32Array(ctrlBuf);
  const code = bootstrap();
  const workers: Worker[] = [];
  for (let t = 1; t < threads; t++) {
    const workerData: WorkerData = { buffers, ctrl: ctrlBuf, error: errorBuf, thread: t };
    const w = new Worker(code, { eval: true, workerData });
    w.unref();
    workers.push(w);
  }
  const check = (): void => {
    if (Atomics.load(ctrl, C.failed) === 0) return;
    const text = new TextDecoder().decode(new Uint8Array(errorBuf)).replace(/\0+$/, '');
    throw new WorkerThreadError(`trees: a training worker thread failed (train with { threads: 1 } to work without them): ${text}`);
  };
  const { results } = space;

  const run = (nFeatures: number): void => {
    for (let t = 0; t < threads; t++) {
      ctrl[C.ranges + 2 * t] = Math.floor((nFeatures * t) / threads);
      ctrl[C.ranges + 2 * t + 1] = Math.floor((nFeatures * (t + 1)) / threads);
    }
    Atomics.store(ctrl, C.done, 0);
    Atomics.add(ctrl, C.gen, 1);
    Atomics.notify(ctrl, C.gen);
    runTask(space, ctrl[C.ranges]!, ctrl[C.ranges + 1]!, 0, buffers.ptr.sub);
    let spins = 0;
    for (let d = Atomics.load(ctrl, C.done); d < threads - 1; d = Atomics.load(ctrl, C.done)) {
      check();
      if (++spins > SPINS) Atomics.wait(ctrl, C.done, d, 1000);
    }
    // threads hold ascending feature ranges: keeping the first strictly larger gain is the
    // sequential scan's choice
    for (let t = 1; t < threads; t++) {
      for (let node = 0; node < 2; node++) {
        const to = node * RESULT_LEN;
        const from = (2 * t + node) * RESULT_LEN;
        if (results[from + R.gain]! > results[to + R.gain]!) results.copyWithin(to, from, from + RESULT_LEN);
      }
    }
  };
  const close = (): void => {
    Atomics.store(ctrl, C.stop, 1);
    Atomics.add(ctrl, C.gen, 1);
    Atomics.notify(ctrl, C.gen);
    for (const w of workers) void w.terminate();
  };
  return { space, run, close };
}
