import { availableParallelism } from 'node:os';
import type { BinnedMatrix } from './bins.ts';
import type { SplitEngine } from './grow-tree.ts';
import { allocSpace, viewSpace } from './hist-space.ts';
import { partitionRows, runTask } from './histogram.ts';
import { parallelEngine } from './parallel.ts';
import { acquireWorkers, warmWorkers } from './worker-pool.ts';

/** Below this many rows, worker threads cost more than they save (a first start costs about 200 ms). */
const MIN_PARALLEL_ROWS = 20_000;

/** The thread count used when none is given: all cores (at most 8) for large data, else 1. */
export function defaultThreads(nRows: number): number {
  return nRows < MIN_PARALLEL_ROWS ? 1 : Math.min(8, availableParallelism());
}

/**
 * The split engine for one training run on `data`: on the calling thread, or on `threads` threads
 * with worker threads over shared memory. The model is the same either way. Call `close()` when done.
 */
export function openEngine(data: BinnedMatrix, sampleRows: number, slots: number, threads: number): SplitEngine & { close(): void } {
  const pool = threads > 1 ? acquireWorkers(threads - 1) : null;
  const buffers = allocSpace(data, sampleRows, slots, threads);
  if (pool) {
    const engine = parallelEngine(buffers, pool.workers, pool.check);
    const close = (): void => {
      engine.close();
      pool.release();
    };
    return { ...engine, close };
  }
  const space = viewSpace(buffers);
  return {
    space,
    run: (nFeatures) => runTask(space, 0, nFeatures, 0),
    partition: (f, bin, start, end) => partitionRows(space, f, bin, start, end),
    close: () => undefined,
  };
}

/** Starts the worker threads of a `threads`-thread training early, so that they load while the data is binned. */
export function warmThreads(threads: number): void {
  if (threads > 1) warmWorkers(threads - 1);
}
