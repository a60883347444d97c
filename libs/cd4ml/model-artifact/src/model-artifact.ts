import { join } from 'node:path';
import { parseWith } from '@cd4ml/fs';
import type { z } from 'zod';
import { ArtifactError } from './artifact-error.ts';
import { readArtifactFiles, sha256, writeArtifactFiles } from './artifact-files.ts';
import { modelCardSchema, type ModelCard } from './model-card.ts';

export const MODEL_FILE = 'model.onnx';
export const CARD_FILE = 'model.json';

/** A verified artifact: its card (with the domain's spec parsed), the ONNX bytes, and its other files. */
export interface LoadedArtifact<Spec> {
  card: ModelCard & { spec: Spec };
  onnx: Uint8Array;
  /** Parses another file of the artifact (already checksummed) with its schema; undefined when absent. `what` names it in errors. */
  json<S extends z.ZodType>(name: string, schema: S, what?: string): z.infer<S> | undefined;
  /** Every file of the artifact, checksummed, by name. */
  files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Writes model.onnx, the card (model.json) and any extra JSON files into `dir` with a manifest of
 * their checksums, replacing the folder atomically. The card's `onnx` entry is filled in here.
 *
 * @param o.beforeSwap gets the card as written once every file is in place, before the swap: write
 *   the run record there, and a failure (a full disk) leaves `dir` as it was
 * @returns the card as written
 */
export async function writeArtifact(
  dir: string,
  onnx: Uint8Array,
  card: Omit<ModelCard, 'onnx'>,
  extraJson: Readonly<Record<string, unknown>> = {},
  o: { beforeSwap?: (card: ModelCard) => Promise<void> } = {},
): Promise<ModelCard> {
  const full: ModelCard = { ...card, onnx: { file: MODEL_FILE, sha256: sha256(onnx), bytes: onnx.byteLength } };
  modelCardSchema.parse(full);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const { beforeSwap } = o;
  await writeArtifactFiles(
    dir,
    { [MODEL_FILE]: onnx, [CARD_FILE]: json(full), ...Object.fromEntries(Object.entries(extraJson).map(([k, v]) => [k, json(v)])) },
    beforeSwap ? { beforeSwap: () => beforeSwap(full) } : {},
  );
  return full;
}

/**
 * Reads and verifies an artifact: every file must match the manifest's checksum, the card must be
 * valid (and its spec valid by the domain's `spec` schema), and the feature schema must be the one
 * the caller speaks (when it says). Any problem is an {@link ArtifactError} naming the file and the field.
 *
 * @param o.spec the domain's schema of the card's `spec` (encoders, lookup tables)
 * @param o.missingHint what to do when there is no model, e.g. "Run it: npx nx run my-model:train"
 */
export async function loadArtifact<S extends z.ZodType>(dir: string, o: { spec: S; featureSchemaVersion?: number; missingHint?: string }): Promise<LoadedArtifact<z.infer<S>>> {
  const { files } = await readArtifactFiles(dir, o.missingHint);
  const json = <T extends z.ZodType>(name: string, schema: T, what = name): z.infer<T> | undefined => {
    const bytes = files.get(name);
    if (!bytes) return undefined;
    const path = join(dir, name);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new ArtifactError('MODEL_INVALID', `${path} is not valid JSON. Retrain the model.`);
    }
    try {
      return parseWith(schema, value, path, what);
    } catch (error) {
      throw new ArtifactError('MODEL_INVALID', (error as Error).message);
    }
  };
  const card = json(CARD_FILE, modelCardSchema, 'model card');
  const onnx = files.get(MODEL_FILE);
  if (!card || !onnx) throw new ArtifactError('MODEL_INVALID', `${dir} lacks ${card ? MODEL_FILE : CARD_FILE} in its manifest. Retrain the model.`);
  if (sha256(onnx) !== card.onnx.sha256) {
    throw new ArtifactError('MODEL_CORRUPT', `${join(dir, MODEL_FILE)} does not match its card (${join(dir, CARD_FILE)} onnx.sha256). Retrain or restore it.`);
  }
  if (o.featureSchemaVersion !== undefined && card.featureSchemaVersion !== o.featureSchemaVersion) {
    throw new ArtifactError(
      'MODEL_INCOMPATIBLE',
      `model ${card.modelVersion} was built for feature schema v${card.featureSchemaVersion}, but this code computes v${o.featureSchemaVersion}. Retrain the model with this code.`,
    );
  }
  let spec: z.infer<S>;
  try {
    spec = parseWith(o.spec, card.spec, `${join(dir, CARD_FILE)} (spec)`, 'feature spec');
  } catch (error) {
    throw new ArtifactError('MODEL_INVALID', (error as Error).message);
  }
  return { card: { ...card, spec }, onnx, files, json: (name, schema, what) => json(name, schema, what) };
}
