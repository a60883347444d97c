import { describe, expect, it } from 'vitest';
import { compileKernels } from './compile-kernels.ts';
import { kernelsWasm } from './kernels-wasm.ts';
import { instantiate, newMemory } from './wasm.ts';

describe('WebAssembly kernels', () => {
  it('kernels-wasm.ts is kernels.wat compiled (rebuild with scripts/build-kernels.ts)', async () => {
    expect(await compileKernels()).toBe(kernelsWasm);
  });

  it('partitions stably, in place', () => {
    const memory = newMemory(1 << 16);
    const k = instantiate(memory);
    const [COL, ROWS, SCRATCH] = [0, 1024, 5120];
    const u8 = new Uint8Array(memory.buffer);
    const rows = new Uint32Array(memory.buffer, ROWS, 1000);
    for (let r = 0; r < 1000; r++) {
      u8[COL + r] = (r * 7919) % 13;
      rows[r] = r;
    }
    const w = k.partition(COL, 5, ROWS, SCRATCH, 100, 900);
    const inRange = Array.from({ length: 800 }, (_, i) => i + 100);
    expect(Array.from(rows.subarray(100, 900))).toEqual([...inRange.filter((r) => u8[r]! <= 5), ...inRange.filter((r) => u8[r]! > 5)]);
    expect(w).toBe(100 + inRange.filter((r) => u8[r]! <= 5).length);
  });

  it.each([['hist_rows', false], ['hist_root', true]])(
    '%s sums each bin as a plain loop does, and gives a feature the same bits alone or in a group',
    (_, root) => {
      const n = 1001;
      const nb = [13, 2, 200];
      const memory = newMemory(1 << 20);
      const k = instantiate(memory);
      const [COLS, ROWS, OG, COUNTS, DESC, SUB, H1, H3] = [0, 4096, 8192, 12288, 20480, 24576, 81920, 98304];
      const u8 = new Uint8Array(memory.buffer);
      const rows = new Uint32Array(memory.buffer, ROWS, n);
      const grad = new Float32Array(memory.buffer, OG, n);
      const u32 = new Uint32Array(memory.buffer);
      for (let r = 0; r < n; r++) {
        nb.forEach((b, f) => (u8[COLS + f * n + r] = (r * 7919 + f * 31) % b));
        rows[r] = root ? r : (r * 37) % n;
        grad[r] = Math.fround(Math.sin(r));
      }
      const histOf = (features: number[], h: number) => {
        features.forEach((f, i) => {
          const d = (DESC >>> 2) + 8 * i;
          [COLS + f * n, SUB + 16384 * i, h + 4096 * f, nb[f]!, COUNTS + 2048 * f].forEach((v, j) => (u32[d + j] = v));
          k.countBins(COUNTS + 2048 * f, COLS + f * n, n, nb[f]!);
        });
        if (root) k.histRoot(DESC, features.length, OG, n);
        else k.histRows(DESC, features.length, ROWS, OG, 0, n);
      };
      histOf([0, 1, 2], H3);
      for (const f of [0, 1, 2]) {
        histOf([f], H1);
        const alone = new Float64Array(memory.buffer, H1 + 4096 * f, 2 * nb[f]!);
        const grouped = new Float64Array(memory.buffer, H3 + 4096 * f, 2 * nb[f]!);
        expect(Array.from(grouped)).toEqual(Array.from(alone));
        for (let b = 0; b < nb[f]!; b++) {
          const mine = Array.from({ length: n }, (_, i) => i).filter((i) => u8[COLS + f * n + rows[i]!] === b);
          expect(alone[2 * b + 1]).toBe(mine.length);
          expect(alone[2 * b]).toBeCloseTo(mine.reduce((s, i) => s + Math.fround(Math.sin(rows[i]!)), 0), 10);
        }
      }
    },
  );
});
