import { writeArtifact } from '@cd4ml/model-artifact';
import { toOnnx, type Tree, type TreeEnsemble } from '@cd4ml/trees';
import { z } from 'zod';
import { loadRentalsArtifact } from '../score.ts';
import { ENSEMBLE_FILE } from '../train/train-rentals-model.ts';

/** Writes a deliberately altered copy of a trained artifact (`change` edits its tree ensemble), for showing that gates fail. */
export async function writeModelVariant(goodDir: string, outDir: string, change: (e: TreeEnsemble) => TreeEnsemble): Promise<void> {
  const artifact = await loadRentalsArtifact(goodDir);
  // Written by this code's trainer a moment ago; its checksum was verified on load.
  const ensemble = change(artifact.json(ENSEMBLE_FILE, z.looseObject({})) as unknown as TreeEnsemble);
  const { onnx: _, ...card } = artifact.card;
  await writeArtifact(outDir, toOnnx(ensemble), { ...card, modelVersion: `${card.modelVersion}-variant` }, { [ENSEMBLE_FILE]: ensemble });
}

/** A tree that adds `delta` (in log1p(rentals)) to every row whose feature `f` equals `code`, 0 elsewhere. */
export const shiftWhere = (f: number, code: number, delta: number): Tree => ({
  feature: [f, -1, f, -1, -1],
  threshold: [code - 0.5, 0, code + 0.5, 0, 0],
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  value: [0, 0, 0, delta, 0],
  gain: [0, 0, 0, 0, 0],
});
