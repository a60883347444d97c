import type { BinnedMatrix } from './bins.ts';
import { RESULT_LEN, TASK_LEN, type HistSpace } from './histogram.ts';

/** The shared memory behind a {@link HistSpace}: what a worker thread receives to build its own views. */
export interface SpaceBuffers {
  codes: SharedArrayBuffer;
  nRows: number;
  nBins: Int32Array;
  offsets: Int32Array;
  totalBins: number;
  rows: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  og: SharedArrayBuffer;
  hists: SharedArrayBuffer;
  rootCounts: SharedArrayBuffer;
  features: SharedArrayBuffer;
  task: SharedArrayBuffer;
  results: SharedArrayBuffer;
}

/** Typed-array views over `b` (each thread builds its own). */
export function viewSpace(b: SpaceBuffers): HistSpace {
  const codes = new Uint8Array(b.codes);
  return {
    columns: Array.from(b.nBins, (_, c) => codes.subarray(c * b.nRows, (c + 1) * b.nRows)),
    nBins: b.nBins,
    offsets: b.offsets,
    totalBins: b.totalBins,
    rows: new Uint32Array(b.rows),
    grad: new Float32Array(b.grad),
    og: new Float32Array(b.og),
    hists: new Float64Array(b.hists),
    rootCounts: new Float64Array(b.rootCounts),
    features: new Int32Array(b.features),
    task: new Float64Array(b.task),
    results: new Float64Array(b.results),
  };
}

/**
 * Shared memory for training on `data`: `sampleRows` row slots, `slots` histograms and
 * results for `threads` threads. The codes are shared as they are (no copy) when already on a
 * SharedArrayBuffer.
 */
export function allocSpace(data: BinnedMatrix, sampleRows: number, slots: number, threads: number): SpaceBuffers {
  let codes = data.codes.buffer;
  if (!(codes instanceof SharedArrayBuffer) || data.codes.byteOffset !== 0 || data.codes.byteLength !== codes.byteLength) {
    const copy = new Uint8Array(new SharedArrayBuffer(data.codes.byteLength));
    copy.set(data.codes);
    codes = copy.buffer;
  }
  const sab = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  return {
    codes,
    nRows: data.nRows,
    nBins: data.nBins,
    offsets: data.offsets,
    totalBins: data.totalBins,
    rows: sab(sampleRows * 4),
    grad: sab(data.nRows * 4),
    og: sab(sampleRows * 4),
    hists: sab(slots * data.totalBins * 2 * 8),
    rootCounts: sab((data.totalBins + data.nCols) * 8),
    features: sab(data.nCols * 4),
    task: sab(TASK_LEN * 8),
    results: sab(threads * 2 * RESULT_LEN * 8),
  };
}
