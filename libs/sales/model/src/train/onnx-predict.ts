import type { Matrix } from '@cd4ml/trees';
import { InferenceSession, Tensor } from 'onnxruntime-node';

/** Runs an ONNX regressor in onnxruntime-node on a row-major float32 matrix. */
export async function onnxPredict(onnx: Uint8Array, x: Matrix): Promise<Float32Array> {
  const session = await InferenceSession.create(onnx);
  try {
    const input = session.inputNames[0]!;
    const output = session.outputNames[0]!;
    const result = await session.run({ [input]: new Tensor('float32', x.values, [x.nRows, x.nCols]) });
    return result[output]!.data as Float32Array;
  } finally {
    await session.release();
  }
}
