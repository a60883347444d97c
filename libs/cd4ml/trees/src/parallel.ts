import type { Worker } from 'node:worker_threads';
import type { SplitEngine } from './grow-tree.ts';
import { viewSpace, type SpaceBuffers } from './hist-space.ts';
import { R, RESULT_LEN, runTask, T } from './histogram.ts';

/** Control block fields (Int32Array over shared memory). */
export const C = { gen: 0, done: 1, stop: 2, ranges: 3 } as const;
/** Spins (about 20 us) before sleeping on a futex: the next task usually comes sooner than that. */
export const SPINS = 10_000;
/** Smaller tasks (rows x features) run on the calling thread alone: a hand-over costs more. */
const MIN_SHARED_CELLS = 100_000;

/** What a worker receives for one training. */
export interface Job {
  buffers: SpaceBuffers;
  ctrl: SharedArrayBuffer;
  thread: number;
}

/**
 * Runs each task on this thread and `workers`, each on a contiguous share of the features. A
 * feature's histogram is always built by one thread in row order and the per-thread best splits
 * are reduced in feature order, so the result does not depend on the thread count. `check` throws
 * when a worker has failed. Call `close()` when done: the workers go back to waiting for a job.
 */
export function parallelEngine(buffers: SpaceBuffers, workers: Worker[], check: () => void): SplitEngine & { close(): void } {
  const threads = workers.length + 1;
  const space = viewSpace(buffers);
  const ctrlBuf = new SharedArrayBuffer((C.ranges + 2 * threads) * 4);
  const ctrl = new Int32Array(ctrlBuf);
  workers.forEach((w, i) => w.postMessage({ buffers, ctrl: ctrlBuf, thread: i + 1 } satisfies Job));
  const { results, task } = space;

  const run = (nFeatures: number): void => {
    if ((task[T.end]! - task[T.start]!) * nFeatures < MIN_SHARED_CELLS) {
      runTask(space, 0, nFeatures, 0);
      return;
    }
    for (let t = 0; t < threads; t++) {
      ctrl[C.ranges + 2 * t] = Math.floor((nFeatures * t) / threads);
      ctrl[C.ranges + 2 * t + 1] = Math.floor((nFeatures * (t + 1)) / threads);
    }
    Atomics.store(ctrl, C.done, 0);
    Atomics.add(ctrl, C.gen, 1);
    Atomics.notify(ctrl, C.gen);
    const t0 = performance.now();
    runTask(space, ctrl[C.ranges]!, ctrl[C.ranges + 1]!, 0);
    const t1 = performance.now();
    let spins = 0;
    for (let d = Atomics.load(ctrl, C.done); d < threads - 1; d = Atomics.load(ctrl, C.done)) {
      if (++spins > SPINS) {
        check();
        Atomics.wait(ctrl, C.done, d, 200);
      }
    }
    const st = ((globalThis as unknown as { pst?: number[] }).pst ??= [0, 0, 0, 0]);
    st[0]! += 1; st[1]! += t1 - t0; st[2]! += performance.now() - t1; if (spins > SPINS) st[3]! += 1;
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
  };
  return { space, run, close };
}
