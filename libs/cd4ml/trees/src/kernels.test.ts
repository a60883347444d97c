import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelsWasm } from './kernels-wasm.ts';
import { instantiate, newMemory } from './wasm.ts';

const wat2wasm = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v wat2wasm'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('WebAssembly kernels', () => {
  it.skipIf(!wat2wasm)('kernels-wasm.ts is kernels.wat compiled (rebuild with src/build-kernels.sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-kernels-'));
    try {
      execFileSync('wat2wasm', ['--enable-threads', join(import.meta.dirname, 'kernels.wat'), '-o', join(dir, 'k.wasm')]);
      expect(readFileSync(join(dir, 'k.wasm')).toString('base64')).toBe(kernelsWasm);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('partitions stably and builds histograms as a plain loop does', () => {
    const memory = newMemory(1 << 16);
    const k = instantiate(memory);
    const n = 1000;
    const [COL, ROWS, SCRATCH, OG, H, SUB] = [0, 1024, 5120, 9216, 13312, 17408];
    const u8 = new Uint8Array(memory.buffer);
    const rows = new Uint32Array(memory.buffer, ROWS, n);
    const og = new Float32Array(memory.buffer, OG, n);
    for (let r = 0; r < n; r++) {
      u8[COL + r] = (r * 7919) % 13;
      rows[r] = r;
      og[r] = Math.fround(Math.sin(r));
    }
    const w = k.partition(COL, 5, ROWS, SCRATCH, 100, 900);
    const inRange = Array.from({ length: 800 }, (_, i) => i + 100);
    expect(Array.from(rows.subarray(100, 900))).toEqual([...inRange.filter((r) => u8[r]! <= 5), ...inRange.filter((r) => u8[r]! > 5)]);
    expect(w).toBe(100 + inRange.filter((r) => u8[r]! <= 5).length);

    for (let i = 0; i < n; i++) og[i] = Math.fround(Math.sin(rows[i]!));
    k.histRows(H, COL, ROWS, OG, 3, 997, 13, SUB);
    const h = new Float64Array(memory.buffer, H, 26);
    for (let b = 0; b < 13; b++) {
      const mine = Array.from({ length: 994 }, (_, i) => i + 3).filter((i) => u8[rows[i]!] === b);
      expect(h[2 * b + 1]).toBe(mine.length);
      expect(h[2 * b]).toBeCloseTo(mine.reduce((s, i) => s + og[i]!, 0), 12);
    }
  });
});
