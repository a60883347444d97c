import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDirAtomic, writeFileAtomic, writeJsonAtomic } from '@cd4ml/data';
import { modelCardSchema, type ModelCard } from './model-card.ts';

export const MODEL_FILE = 'model.onnx';
export const CARD_FILE = 'model.json';

export type ArtifactErrorCode = 'MODEL_MISSING' | 'MODEL_INVALID' | 'MODEL_CORRUPT' | 'MODEL_INCOMPATIBLE';

/** A model artifact that must not be served, with what to do about it. */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
  constructor(
    readonly code: ArtifactErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface LoadedArtifact {
  card: ModelCard;
  onnx: Uint8Array;
}

/**
 * Writes model.onnx, model.json and any extra JSON files into `dir`, replacing it atomically.
 * The card's `onnx` entry (file, sha256, bytes) is filled in here from the bytes written.
 */
export async function writeArtifact(
  dir: string,
  onnx: Uint8Array,
  card: Omit<ModelCard, 'onnx'>,
  extraJson: Record<string, unknown> = {},
): Promise<ModelCard> {
  const full: ModelCard = { ...card, onnx: { file: MODEL_FILE, sha256: sha256(onnx), bytes: onnx.byteLength } };
  modelCardSchema.parse(full);
  await replaceDirAtomic(dir, async (tmp) => {
    await writeFileAtomic(join(tmp, MODEL_FILE), onnx);
    await writeJsonAtomic(join(tmp, CARD_FILE), full);
    for (const [name, value] of Object.entries(extraJson)) await writeJsonAtomic(join(tmp, name), value);
  });
  return full;
}

/**
 * Reads and verifies an artifact: the card must be valid, the ONNX bytes must match the card's
 * checksum, and the feature schema must be the one the caller speaks.
 */
export async function loadArtifact(dir: string, expected: { featureSchemaVersion: number }): Promise<LoadedArtifact> {
  let cardText: string;
  let onnx: Uint8Array;
  try {
    cardText = await readFile(join(dir, CARD_FILE), 'utf8');
    onnx = new Uint8Array(await readFile(join(dir, MODEL_FILE)));
  } catch (error) {
    throw new ArtifactError('MODEL_MISSING', `no model in ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Train one first: npx nx run sales-model:train`);
  }
  let json: unknown;
  try {
    json = JSON.parse(cardText);
  } catch {
    throw new ArtifactError('MODEL_INVALID', `${join(dir, CARD_FILE)} is not valid JSON. Retrain the model.`);
  }
  const parsed = modelCardSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ArtifactError('MODEL_INVALID', `${join(dir, CARD_FILE)} is not a valid model card: ${problems}`);
  }
  const card = parsed.data;
  const actual = sha256(onnx);
  if (actual !== card.onnx.sha256) {
    throw new ArtifactError(
      'MODEL_CORRUPT',
      `${join(dir, MODEL_FILE)} does not match its card: sha256 ${actual.slice(0, 12)}, expected ${card.onnx.sha256.slice(0, 12)}. The file is corrupt or was replaced; retrain or restore it.`,
    );
  }
  if (card.featureSchemaVersion !== expected.featureSchemaVersion) {
    throw new ArtifactError(
      'MODEL_INCOMPATIBLE',
      `model ${card.modelVersion} was built for feature schema v${card.featureSchemaVersion}, but this app computes v${expected.featureSchemaVersion}. Retrain the model with this code.`,
    );
  }
  return { card, onnx };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
