// Worker thread of parallel training (see parallel.ts and worker-pool.ts): for each training it is
// given, waits for a task, runs it on its share of the features, counts itself done, and waits
// again until told to stop; then it waits for the next training.
import { parentPort, workerData } from 'node:worker_threads';
import { viewSpace } from './hist-space.ts';
import { PARTITION, partitionRows, RESULT_LEN, runTask, T } from './histogram.ts';
import { C, SPINS, type Job } from './parallel.ts';
import type { PoolWorkerData } from './worker-pool.ts';

const { status } = workerData as PoolWorkerData;

function train({ buffers, ctrl: ctrlBuf, thread }: Job): void {
  const ctrl = new Int32Array(ctrlBuf);
  const space = viewSpace(buffers);
  for (let gen = 0; ; ) {
    let spins = 0;
    while (Atomics.load(ctrl, C.gen) === gen) if (++spins > SPINS) Atomics.wait(ctrl, C.gen, gen);
    gen = Atomics.load(ctrl, C.gen);
    if (Atomics.load(ctrl, C.stop) === 1) return;
    const { task } = space;
    if (task[T.kind] === PARTITION) {
      const [from, to] = [ctrl[C.ranges + thread]!, ctrl[C.ranges + thread + 1]!];
      space.results[2 * thread * RESULT_LEN] = partitionRows(space, task[T.feature]!, task[T.bin]!, from, to);
    } else runTask(space, ctrl[C.ranges + 2 * thread]!, ctrl[C.ranges + 2 * thread + 1]!, thread);
    Atomics.add(ctrl, C.done, 1);
    Atomics.notify(ctrl, C.done);
  }
}

parentPort?.on('message', (job: Job) => {
  try {
    train(job);
  } catch (e) {
    new TextEncoder().encodeInto(String(e instanceof Error ? e.stack : e), new Uint8Array(status, 4));
    Atomics.store(new Int32Array(status, 0, 1), 0, 1);
  }
});
