import type { BinnedMatrix } from './bins.ts';
import type { HistSpace } from './histogram.ts';
import type { SeededRandom } from '@cd4ml/random';

/** Draws each tree's features: a seeded `colsample` fraction, minus those that cannot split. */
export class FeatureSampler {
  private readonly perm: Int32Array;
  private readonly nFeat: number;

  constructor(
    private readonly data: BinnedMatrix,
    colsample: number,
    private readonly rng: SeededRandom,
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
  private readonly all: Uint32Array | null;

  constructor(
    private readonly space: HistSpace,
    private readonly nSample: number,
    private readonly rng: SeededRandom,
  ) {
    this.all = nSample === space.nRows ? Uint32Array.from({ length: nSample }, (_, i) => i) : null;
  }

  /**
   * Writes the tree's rows, ascending, to `space.rows[0, nSample)` and the others, ascending, to
   * `space.rest`; returns how many others.
   */
  draw(): number {
    const { rows, rest, nRows } = this.space;
    if (this.all) {
      rows.set(this.all); // the partition of the previous tree reordered them
      return 0;
    }
    return this.rng.selectInto(nRows, this.nSample, rows, rest);
  }
}
