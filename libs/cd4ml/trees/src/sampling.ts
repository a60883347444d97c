import type { BinnedMatrix } from './bins.ts';
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
