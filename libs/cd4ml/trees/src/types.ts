/** Dense row-major float32 matrix: `values[r * nCols + c]`. */
export interface Matrix {
  values: Float32Array;
  nRows: number;
  nCols: number;
}

/** Hyper-parameters of {@link trainGbt}. */
export interface GbtParams {
  /** Maximum number of boosting rounds. */
  nEstimators: number;
  learningRate: number;
  maxDepth: number;
  /** Maximum leaves per tree; trees grow best-first (leaf-wise), bounded by `maxDepth`. */
  maxLeaves: number;
  minSamplesLeaf: number;
  /** L2 regularisation on leaf values. */
  lambdaL2: number;
  /** Row fraction per tree, sampled without replacement; 1 = all rows. */
  subsample: number;
  /** Feature fraction per tree; 1 = all features. */
  colsample: number;
  /** Maximum number of histogram bins per feature (2..255). */
  maxBins: number;
  /** Stop after this many rounds without validation improvement; 0 = off. Needs `options.valid`. */
  earlyStoppingRounds: number;
  seed: number;
}

/** Hyper-parameters of {@link trainForest}. */
export interface ForestParams {
  nEstimators: number;
  maxDepth: number;
  maxLeaves: number;
  minSamplesLeaf: number;
  /** Bootstrap size as a fraction of the rows, sampled with replacement. */
  sampleFraction: number;
  /** Feature fraction per tree; 1 = all features. */
  colsample: number;
  maxBins: number;
  seed: number;
}

/**
 * One regression tree in flat-array form. Node 0 is the root.
 * A branch node `i` sends a row left when `Math.fround(x[feature[i]]) <= threshold[i]`
 * or when the value is NaN (missing values go left), otherwise right.
 * Leaves have `feature[i] === -1`, `left[i] === right[i] === -1`.
 */
export interface Tree {
  /** Split feature index per node; -1 for leaves. */
  feature: number[];
  /** Split threshold per node (float32-representable); 0 for leaves. */
  threshold: number[];
  /** Left (true, `<=`) child per node; -1 for leaves. */
  left: number[];
  /** Right (false, `>`) child per node; -1 for leaves. */
  right: number[];
  /** Leaf value (float32-representable, learning rate already applied); 0 for branches. */
  value: number[];
  /** Split gain per node; 0 for leaves. */
  gain: number[];
}

/** A trained tree ensemble; plain JSON-serialisable data. */
export interface TreeEnsemble {
  kind: 'gbt' | 'forest';
  featureNames: string[];
  baseScore: number;
  trees: Tree[];
  /** 'SUM': baseScore + sum of leaves; 'AVERAGE': baseScore + mean of leaves. */
  aggregate: 'SUM' | 'AVERAGE';
  /** Learning curve, one entry per trained iteration (1-based). */
  history: { iteration: number; trainRmse: number; validRmse?: number }[];
  /** 1-based iteration with the lowest validation RMSE (last iteration without validation data). */
  bestIteration: number;
  /** Total split gain per feature over the kept trees. */
  featureImportance: number[];
}

/** Progress event emitted once per training iteration. */
export interface ProgressEvent {
  iteration: number;
  total: number;
  trainRmse: number;
  validRmse?: number;
}

/** Options shared by `trainGbt` and `trainForest`. */
export interface TrainOptions {
  /** Column names; default `f0, f1, ...`. */
  featureNames?: string[];
  /** Called once per tree. */
  onProgress?: (e: ProgressEvent) => void;
  /**
   * Threads that build the histograms (this one plus worker threads over shared memory). The model
   * is the same whatever the count. Default: all cores up to 8 from 20,000 rows, else 1.
   */
  threads?: number;
}
