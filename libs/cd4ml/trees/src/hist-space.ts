import type { BinnedMatrix } from './bins.ts';
import { DESC_BYTES, RESULT_LEN, SUB_BYTES, TASK_LEN, type HistSpace, type Layout } from './histogram.ts';
import { instantiate, kernelModule, workArea, type WasmMemory, type WasmModule } from './wasm.ts';

/** What every thread needs to build its own {@link HistSpace}: shared memory, layout, the kernels module. */
export interface SpaceBuffers {
  memory: WasmMemory;
  module: WasmModule;
  ptr: Layout;
  nRows: number;
  sampleRows: number;
  nBins: Int32Array;
  offsets: Int32Array;
  totalBins: number;
  counted: SharedArrayBuffer;
  features: SharedArrayBuffer;
  task: SharedArrayBuffer;
  results: SharedArrayBuffer;
}

/** Typed-array views and kernels over `b` (each thread builds its own). */
export function viewSpace(b: SpaceBuffers): HistSpace {
  const buf = b.memory.buffer;
  return {
    k: instantiate(b.memory, b.module),
    ptr: b.ptr,
    nRows: b.nRows,
    nBins: b.nBins,
    offsets: b.offsets,
    totalBins: b.totalBins,
    rows: new Uint32Array(buf, b.ptr.rows, b.sampleRows),
    grad: new Float32Array(buf, b.ptr.grad, b.nRows),
    pred: new Float64Array(buf, b.ptr.pred, b.nRows),
    y: new Float64Array(buf, b.ptr.y, b.nRows),
    rest: new Uint32Array(buf, b.ptr.rest, b.nRows),
    hists: new Float64Array(buf, b.ptr.hists, (b.ptr.counts - b.ptr.hists) / 8),
    mem32: new Uint32Array(buf),
    counted: new Int32Array(b.counted),
    features: new Int32Array(b.features),
    task: new Float64Array(b.task),
    results: new Float64Array(b.results),
  };
}

/**
 * Buffers for training on `data` with `sampleRows` rows per tree, `slots` histograms and `threads`
 * threads, in the work area of the codes' memory (reused by later trainings on the same bins).
 */
export function allocSpace(data: BinnedMatrix, sampleRows: number, slots: number, threads: number): SpaceBuffers {
  const sizes = {
    rows: sampleRows * 4,
    scratch: sampleRows * 4,
    grad: data.nRows * 4,
    hists: slots * data.totalBins * 16,
    counts: data.totalBins * 8,
    sub: threads * SUB_BYTES,
    desc: threads * DESC_BYTES,
    pred: data.nRows * 8,
    y: data.nRows * 8,
    rest: data.nRows * 4,
    nodes: slots * 2 * 16,
    vals: slots * 2 * 8,
  };
  const at = (n: number) => Math.ceil(n / 64) * 64;
  const total = Object.values(sizes).reduce((s, n) => s + at(n), 0);
  let next = workArea(data.memory, total);
  const place = (bytes: number): number => {
    const p = next;
    next += at(bytes);
    return p;
  };
  const ptr: Layout = {
    rows: place(sizes.rows),
    scratch: place(sizes.scratch),
    grad: place(sizes.grad),
    hists: place(sizes.hists),
    counts: place(sizes.counts),
    sub: place(sizes.sub),
    desc: place(sizes.desc),
    pred: place(sizes.pred),
    y: place(sizes.y),
    rest: place(sizes.rest),
    nodes: place(sizes.nodes),
    vals: place(sizes.vals),
  };
  const sab = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  return {
    memory: data.memory,
    module: kernelModule(),
    ptr,
    nRows: data.nRows,
    sampleRows,
    nBins: data.nBins,
    offsets: data.offsets,
    totalBins: data.totalBins,
    counted: sab(data.nCols * 4),
    features: sab(data.nCols * 4),
    task: sab(TASK_LEN * 8),
    results: sab(threads * 2 * RESULT_LEN * 8),
  };
}
