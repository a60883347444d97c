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

// Where the reusable work area of each memory starts: right after the data it was made for.
const workAreas = new WeakMap<WasmMemory, number>();

/**
 * A shared memory of `bytes` bytes of data, growable up to 4 GiB (only address space is reserved);
 * {@link workArea} appends to it.
 */
export function newMemory(bytes: number): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) throw new MemoryLimitError(`trees: ${bytes} bytes of bins exceed the 4 GiB of a WebAssembly memory; train on fewer rows or features`);
  const memory = new wasm.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
  workAreas.set(memory, Math.ceil(bytes / 64) * 64);
  return memory;
}

/**
 * Byte offset of a work area of at least `bytes` bytes after the data of `memory`, grown as needed.
 * There is one per memory, reused by whoever needs it next (binning, then each training on the bins).
 */
export function workArea(memory: WasmMemory, bytes: number): number {
  const at = workAreas.get(memory) ?? 0;
  const have = memory.buffer.byteLength;
  if (at + bytes > have) {
    const pages = Math.ceil((at + bytes - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) throw new MemoryLimitError(`trees: the bins plus ${bytes} bytes of training buffers exceed the 4 GiB of a WebAssembly memory; train on fewer rows`);
    memory.grow(pages);
  }
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
  binColumn: Kernel;
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
  return { histRows: fn('hist_rows'), histRoot: fn('hist_root'), countBins: fn('count_bins'), partition: fn('partition'), addLeaf: fn('add_leaf'), walkTree: fn('walk_tree'), residuals: fn('residuals'), binColumn: fn('bin_column') };
}
