// Worker thread of parallel training (see parallel.ts): waits for a task, runs it on its share of
// the features, counts itself done, and waits again until told to stop.
import { workerData } from 'node:worker_threads';
import { SUB_BYTES, viewSpace } from './hist-space.ts';
import { RESULT_LEN, runTask } from './histogram.ts';
import { C, SPINS, type WorkerData } from './parallel.ts';

const { buffers, ctrl: ctrlBuf, error, thread } = workerData as WorkerData;
const ctrl = new Int32Array(ctrlBuf);
const space = viewSpace(buffers);
const sub = buffers.ptr.sub + thread * SUB_BYTES;
const ro = 2 * thread * RESULT_LEN;

try {
  for (let gen = 0; ; ) {
    let spins = 0;
    while (Atomics.load(ctrl, C.gen) === gen) if (++spins > SPINS) Atomics.wait(ctrl, C.gen, gen);
    gen = Atomics.load(ctrl, C.gen);
    if (Atomics.load(ctrl, C.stop) === 1) break;
    runTask(space, ctrl[C.ranges + 2 * thread]!, ctrl[C.ranges + 2 * thread + 1]!, ro, sub);
    Atomics.add(ctrl, C.done, 1);
    Atomics.notify(ctrl, C.done);
  }
} catch (e) {
  new TextEncoder().encodeInto(String(e instanceof Error ? e.stack : e), new Uint8Array(error));
  Atomics.store(ctrl, C.failed, 1);
  Atomics.notify(ctrl, C.done);
}
