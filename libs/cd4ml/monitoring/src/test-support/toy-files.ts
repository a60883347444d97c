import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeArtifact } from '@cd4ml/model-artifact';
import { stringify } from 'yaml';
import { PROFILE_FILE } from '../profile/reference-profile.ts';
import { toyModel, toySettings, toyTraffic, type ToyChange } from './toy-traffic.ts';

/** Writes the toy model as an artifact (with its profile), its prediction log, the actuals and its monitoring settings file. */
export async function writeToyFiles(dir: string, seed: number, change?: ToyChange, o: { profile?: boolean } = {}): Promise<{ model: string; predictions: string; actuals: string; settings: string }> {
  const model = toyModel();
  const hash = (c: string) => c.repeat(64);
  const set = model.validation;
  const modelDir = join(dir, 'model');
  await writeArtifact(
    modelDir,
    new Uint8Array([1, 2, 3]),
    {
      artifactVersion: 2,
      name: model.name,
      modelVersion: model.version,
      runId: 'toyrun',
      createdAt: '2020-06-30T00:00:00.000Z',
      featureSchemaVersion: 1,
      featureNames: [...model.featureNames],
      target: 'rentals',
      rawDataVersion: hash('a'),
      processedDataVersion: hash('b'),
      code: { commit: 'c', dirty: false },
      params: {},
      metrics: { primary: 'wrmsle', label: 'WRMSLE', description: 'toy', validation: set, baselines: { mean: set }, referenceBaseline: 'mean', parityMaxAbsDiff: 0 },
      training: { algorithm: 'toy', trainRows: 1, fitRows: 1, earlyStoppingRows: 0, validRows: 1, trees: 1, bestIteration: 1, durationMs: 1, fitMs: 1, learningCurve: [], featureImportance: {} },
      spec: {},
    },
    o.profile === false ? {} : { [PROFILE_FILE]: model.profile },
  );
  const traffic = toyTraffic(seed, 14, change ? { change, changeDay: 4 } : {});
  const predictions = join(dir, 'predictions.jsonl');
  await writeFile(predictions, traffic.predictions.map((p) => `${JSON.stringify({ level: 30, time: p.time, modelVersion: p.modelVersion, input: p.input, features: p.features, output: { rentals: p.value } })}\n`).join(''));
  const actuals = join(dir, 'actuals.jsonl');
  await writeFile(actuals, traffic.actuals.map((a) => `${JSON.stringify(a.record)}\n`).join(''));
  const settings = join(dir, 'monitoring.yaml');
  await writeFile(settings, stringify(toySettings));
  return { model: modelDir, predictions, actuals, settings };
}
