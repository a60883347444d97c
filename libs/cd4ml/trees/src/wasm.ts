import { kernelsWasm } from './kernels-wasm.ts';

// Node 20 runs WebAssembly, but TypeScript declares it only in the DOM lib, which this repo leaves
// out: these are the few members used here.
/** A shared WebAssembly memory: one SharedArrayBuffer that grows in place, up to 4 GiB. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(deltaPages: number): number;
}
/** A compiled kernels module (cloned to worker threads). */
export interface WasmModule {
  readonly kind?: 'kernels';
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: true }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65_536;
const MAX_PAGES = 65_536;

export class MemoryLimitError extends Error {
  override readonly name = 'MemoryLimitError';
  readonly code = 'WASM_MEMORY_LIMIT';
}

/** A shared memory of at least `bytes` bytes, growable up to 4 GiB (only address space is reserved). */
export function newMemory(bytes: number): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) throw new MemoryLimitError(`trees: ${bytes} bytes of bins exceed the 4 GiB of a WebAssembly memory; train on fewer rows or features`);
  return new wasm.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
}

/** Grows `memory` by at least `bytes` bytes and returns the byte offset of the new space. */
export function growBy(memory: WasmMemory, bytes: number): number {
  const at = memory.buffer.byteLength;
  const pages = Math.ceil(bytes / PAGE);
  if (at / PAGE + pages > MAX_PAGES) throw new MemoryLimitError(`trees: the bins plus ${bytes} bytes of training buffers exceed the 4 GiB of a WebAssembly memory; train on fewer rows`);
  memory.grow(pages);
  return at;
}

/** A kernel of kernels.wat; all arguments are byte offsets or counts (see kernels.wat). */
export type Kernel = (...args: number[]) => number;
export interface Kernels {
  histRows: Kernel;
  histRoot: Kernel;
  countBins: Kernel;
  partition: Kernel;
  addLeaf: Kernel;
  walkTree: Kernel;
  residuals: Kernel;
}

let compiled: WasmModule | null = null;

/** The kernels module, compiled once per thread that asks for it. */
export function kernelModule(): WasmModule {
  compiled ??= new wasm.Module(Buffer.from(kernelsWasm, 'base64'));
  return compiled;
}

/** The kernels of `module` working on `memory`. */
export function instantiate(memory: WasmMemory, module: WasmModule = kernelModule()): Kernels {
  const { exports } = new wasm.Instance(module, { env: { memory } });
  const fn = (name: string): Kernel => {
    const f = exports[name];
    if (typeof f !== 'function') throw new Error(`trees: kernel ${name} is missing from kernels.wat`);
    return f as Kernel;
  };
  return { histRows: fn('hist_rows'), histRoot: fn('hist_root'), countBins: fn('count_bins'), partition: fn('partition'), addLeaf: fn('add_leaf'), walkTree: fn('walk_tree'), residuals: fn('residuals') };
}
