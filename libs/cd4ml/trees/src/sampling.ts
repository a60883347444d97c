import type { BinnedMatrix } from './bins.ts';
import type { HistSpace } from './histogram.ts';
import type { Rng } from './rng.ts';

/** Draws each tree's features: a seeded `colsample` fraction, minus those that cannot split. */
export class FeatureSampler {
  private readonly perm: Int32Array;
  private readonly nFeat: number;

  constructor(
    private readonly data: BinnedMatrix,
    colsample: number,
    private readonly rng: Rng,
  ) {
    this.perm = Int32Array.from({ length: data.nCols }, (_, i) => i);
    this.nFeat = Math.max(1, Math.round(colsample * data.nCols));
  }

  /** Writes the tree's features, ascending, to `out` and returns how many; constant features are left out. */
  draw(out: Int32Array): number {
    let sampled = this.perm;
    if (this.nFeat < this.data.nCols) {
      this.rng.shuffleHead(this.perm, this.nFeat);
      sampled = this.perm.slice(0, this.nFeat).sort();
    }
    let n = 0;
    for (const f of sampled) if (this.data.nBins[f]! > 1) out[n++] = f;
    return n;
  }
}

/** Draws each tree's rows into `space.rows`: all of them, or a seeded `nSample` without replacement. */
export class RowSampler {
  private readonly perm: Uint32Array;
  private readonly mark: Uint8Array;

  constructor(
    private readonly space: HistSpace,
    private readonly nSample: number,
    private readonly rng: Rng,
  ) {
    const n = space.nRows;
    this.perm = Uint32Array.from({ length: n }, (_, i) => i);
    this.mark = new Uint8Array(nSample < n ? n : 0);
  }

  /**
   * Writes the tree's rows, ascending, to `space.rows[0, nSample)` and the others, ascending, to
   * `space.rest`; returns how many others. The sample is sorted by one scan, not a sort (O(n); not
   * timed: the bench does not sample rows).
   */
  draw(): number {
    const { rows, rest, nRows } = this.space;
    if (this.nSample === nRows) {
      rows.set(this.perm); // identity: perm is only shuffled when sampling
      return 0;
    }
    this.rng.shuffleHead(this.perm, this.nSample);
    const { perm, mark } = this;
    for (let i = 0; i < this.nSample; i++) mark[perm[i]!] = 1;
    let a = 0;
    let b = 0;
    for (let r = 0; r < nRows; r++) {
      if (mark[r] === 1) rows[a++] = r;
      else rest[b++] = r;
      mark[r] = 0;
    }
    return b;
  }
}
