/** Tiny seeded PRNG (mulberry32); deterministic for a given seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Moves a uniform random k-subset of `perm` to its first k slots (partial Fisher-Yates). */
  shuffleHead(perm: Uint32Array | Int32Array, k: number): void {
    const n = perm.length;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
  }

  /** Sorted random subset of `count` distinct values from 0..n-1. */
  sampleSorted(n: number, count: number): Int32Array {
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    this.shuffleHead(perm, count);
    return perm.slice(0, count).sort();
  }
}
