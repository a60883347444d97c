import { InferenceSession, Tensor } from 'onnxruntime-node';

/** onnxruntime could not load a model file: it is corrupt, truncated or not ONNX. */
export class OnnxLoadError extends Error {
  override readonly name = 'OnnxLoadError';
  readonly code = 'MODEL_CORRUPT';
}

/**
 * A regressor exported to ONNX (one float input [N, nFeatures], one float output [N, 1]), run by
 * onnxruntime-node on the CPU. Training, evaluation, the gates and the web app all run the model
 * through this class, so they share one way to load it and one thread setting.
 */
export class OnnxRegressor {
  private constructor(
    private readonly session: InferenceSession,
    readonly nFeatures: number,
  ) {}

  /**
   * Loads ONNX bytes. One intra-op and one inter-op thread, sequential: measured in the web app, the
   * default thread pool spins between calls and took the server's core (a 1-row call took 107 µs
   * instead of 25 µs); two intra-op threads ran a 1,000-row call in 0.44 ms instead of 0.77 ms
   * alone, but cost about 4 points of single-forecast throughput under load.
   *
   * @param source names the file in the error, e.g. "dist/models/x/model.onnx"
   * @throws OnnxLoadError when onnxruntime refuses the bytes
   */
  static async load(onnx: Uint8Array, nFeatures: number, source = 'model.onnx'): Promise<OnnxRegressor> {
    try {
      const session = await InferenceSession.create(onnx, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
      return new OnnxRegressor(session, nFeatures);
    } catch (error) {
      throw new OnnxLoadError(`onnxruntime cannot load ${source}: ${(error as Error).message}`);
    }
  }

  /** Predicts `nRows` rows of the row-major matrix `x` (`nFeatures` values per row) in one call. */
  async run(x: Float32Array, nRows: number): Promise<Float32Array> {
    if (x.length < nRows * this.nFeatures) throw new RangeError(`run: ${x.length} values for ${nRows} rows of ${this.nFeatures} features`);
    const input = new Tensor('float32', x.length === nRows * this.nFeatures ? x : x.subarray(0, nRows * this.nFeatures), [nRows, this.nFeatures]);
    const result = await this.session.run({ [this.session.inputNames[0]!]: input });
    return result[this.session.outputNames[0]!]!.data as Float32Array;
  }

  /** Frees the native session; the regressor cannot run afterwards. */
  async release(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Loads ONNX bytes, predicts every row of a matrix in one call and releases the session: for batch
 * scoring (evaluation, gates, parity checks).
 */
export async function onnxPredict(onnx: Uint8Array, x: { values: Float32Array; nRows: number; nCols: number }, source?: string): Promise<Float32Array> {
  const model = await OnnxRegressor.load(onnx, x.nCols, source);
  try {
    return await model.run(x.values, x.nRows);
  } finally {
    await model.release();
  }
}
