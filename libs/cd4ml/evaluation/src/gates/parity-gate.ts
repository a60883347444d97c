import { compareGate, type GateResult } from './gate-result.ts';

/**
 * Gate 4: the exported model predicts what the in-process model predicts, row by row.
 *
 * @param reference predictions of the in-process model
 * @param exported predictions of the exported model (e.g. ONNX in onnxruntime-node) on the same rows
 * @param tolerance largest acceptable absolute difference (float32 rounding)
 */
export function parityGate(reference: ArrayLike<number>, exported: ArrayLike<number>, tolerance: number): GateResult {
  if (reference.length !== exported.length) {
    return compareGate('parity', Infinity, '<=', tolerance, `row counts differ: ${reference.length} in-process, ${exported.length} exported`);
  }
  let worst = 0;
  let worstRow = -1;
  for (let i = 0; i < reference.length; i += 1) {
    const d = Math.abs(reference[i]! - exported[i]!);
    if (!(d <= worst)) {
      worst = Number.isNaN(d) ? Infinity : d;
      worstRow = i;
    }
  }
  return compareGate('parity', worst, '<=', tolerance, `largest difference between in-process and exported predictions over ${reference.length} rows`, { rows: reference.length, worstRow });
}
