import { writeArtifact } from '@cd4ml/model-artifact';
import { toOnnx, treeEnsembleSchema, type TreeEnsemble } from '@cd4ml/trees';
import { z } from 'zod';
import { loadSalesArtifact } from '../evaluate/score-artifact.ts';
import { ENSEMBLE_FILE, HOLDOUT_FILE, RECENT_ACTUALS_FILE } from '../train/train-sales-model.ts';

/**
 * Writes a deliberately altered copy of a trained artifact, for showing that gates fail: `change`
 * edits the tree ensemble that is exported to model.onnx; `inProcess` (default: the same) is what
 * goes into ensemble.json, so the two can be made to disagree.
 */
export async function writeModelVariant(
  goodDir: string,
  outDir: string,
  change: (e: TreeEnsemble) => TreeEnsemble,
  inProcess: (e: TreeEnsemble) => TreeEnsemble = (e) => e,
): Promise<void> {
  const artifact = await loadSalesArtifact(goodDir);
  const good = artifact.json(ENSEMBLE_FILE, treeEnsembleSchema);
  if (!good) throw new Error(`${goodDir} has no ${ENSEMBLE_FILE}: retrain it with this code`);
  const exported = change(structuredClone(good));
  const { onnx: _, ...rest } = artifact.card;
  const extras = Object.fromEntries([HOLDOUT_FILE, RECENT_ACTUALS_FILE].map((f) => [f, artifact.json(f, z.unknown())]));
  await writeArtifact(outDir, toOnnx(exported), { ...rest, modelVersion: `${artifact.card.modelVersion}-variant` }, { ...extras, [ENSEMBLE_FILE]: inProcess(structuredClone(exported)) });
}

/** A tree that adds `delta` (log1p units) to every row whose feature `f` equals `code`, 0 elsewhere. */
export function shiftWhere(f: number, code: number, delta: number): TreeEnsemble['trees'][number] {
  return {
    feature: [f, -1, f, -1, -1],
    threshold: [code - 0.5, 0, code + 0.5, 0, 0],
    left: [1, -1, 3, -1, -1],
    right: [2, -1, 4, -1, -1],
    value: [0, 0, 0, delta, 0],
    gain: [0, 0, 0, 0, 0],
  };
}
