import type { Worker } from 'node:worker_threads';
import type { SplitEngine } from './grow-tree.ts';
import { viewSpace, type SpaceBuffers } from './hist-space.ts';
import { HIST, PARTITION, partitionRows, R, RESULT_LEN, runTask, T, type HistSpace } from './histogram.ts';

/**
 * Control block fields (Int32Array over shared memory): feature ranges per thread from `ranges`
 * (from, to pairs), or for a partition the chunk bounds (threads + 1 of them).
 */
export const C = { gen: 0, done: 1, stop: 2, ranges: 3 } as const;
/** Spins (about 20 us) before sleeping on a futex: the next task usually comes sooner than that. */
export const SPINS = 10_000;
/** Smaller tasks (rows x features, rows) run on the calling thread alone: a hand-over costs more (tens of us when the worker sleeps). */
const MIN_SHARED_CELLS = 100_000;
const MIN_SHARED_PARTITION = 200_000;

/**
 * Contiguous feature ranges of about equal cost per thread: a feature costs its rows plus its bins
 * (merged, subtracted, scanned twice); splitting by count left the main thread waiting 20% of the time.
 */
function splitByCost(s: HistSpace, nFeatures: number, threads: number, ctrl: Int32Array): void {
  const rows = s.task[T.end]! - s.task[T.start]!;
  const cost = (j: number) => rows + 32 * s.nBins[s.features[j]!]!;
  let total = 0;
  for (let j = 0; j < nFeatures; j++) total += cost(j);
  let j = 0;
  let acc = 0;
  for (let t = 0; t < threads; t++) {
    ctrl[C.ranges + 2 * t] = j;
    const goal = (total * (t + 1)) / threads;
    while (j < nFeatures && (t === threads - 1 || acc + cost(j) / 2 <= goal)) acc += cost(j++);
    ctrl[C.ranges + 2 * t + 1] = j;
  }
}

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
  const publish = (): void => {
    Atomics.store(ctrl, C.done, 0);
    Atomics.add(ctrl, C.gen, 1);
    Atomics.notify(ctrl, C.gen);
  };
  const wait = (): void => {
    let spins = 0;
    for (let d = Atomics.load(ctrl, C.done); d < threads - 1; d = Atomics.load(ctrl, C.done)) {
      if (++spins > SPINS) {
        check();
        Atomics.wait(ctrl, C.done, d, 200);
      }
    }
  };

  const run = (nFeatures: number): void => {
    if ((task[T.end]! - task[T.start]!) * nFeatures < MIN_SHARED_CELLS) {
      runTask(space, 0, nFeatures, 0);
      return;
    }
    splitByCost(space, nFeatures, threads, ctrl);
    task[T.kind] = HIST;
    publish();
    runTask(space, ctrl[C.ranges]!, ctrl[C.ranges + 1]!, 0);
    wait();
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
  // Each thread partitions a contiguous chunk in place, leaving [L0 R0 L1 R1 ...]; moving the parts
  // to [L0 L1 ... R0 R1 ...] gives exactly the sequential stable partition.
  const partition = (f: number, bin: number, start: number, end: number): number => {
    if (end - start < MIN_SHARED_PARTITION) return partitionRows(space, f, bin, start, end);
    for (let t = 0; t <= threads; t++) ctrl[C.ranges + t] = start + Math.floor(((end - start) * t) / threads);
    task[T.kind] = PARTITION;
    task[T.feature] = f;
    task[T.bin] = bin;
    publish();
    results[0] = partitionRows(space, f, bin, start, ctrl[C.ranges + 1]!);
    wait();
    const { rows } = space;
    const saved = new Uint32Array(rows.buffer, space.ptr.scratch + start * 4, end - start);
    let s = 0;
    for (let t = 0; t < threads; t++) {
      const w = results[2 * t * RESULT_LEN]!;
      saved.set(rows.subarray(w, ctrl[C.ranges + t + 1]), s);
      s += ctrl[C.ranges + t + 1]! - w;
    }
    let w = results[0];
    for (let t = 1; t < threads; t++) {
      const from = ctrl[C.ranges + t]!;
      const to = results[2 * t * RESULT_LEN]!;
      rows.copyWithin(w, from, to);
      w += to - from;
    }
    rows.set(saved.subarray(0, s), w);
    return w;
  };
  const close = (): void => {
    Atomics.store(ctrl, C.stop, 1);
    Atomics.add(ctrl, C.gen, 1);
    Atomics.notify(ctrl, C.gen);
  };
  return { space, run, partition, close };
}
