import type { ModelCard } from './model-card.ts';

const hash = (c: string) => c.repeat(64);
const metricSet = { rmse: 0.4, mae: 0.3, rows: 10 };
/** A valid card for the tests of this lib. */
export const card: Omit<ModelCard, 'onnx'> = {
  artifactVersion: 2,
  name: 'demo',
  modelVersion: 'abc',
  runId: 'run',
  createdAt: '2026-11-24T00:00:00.000Z',
  featureSchemaVersion: 3,
  featureNames: ['a'],
  target: 'y',
  rawDataVersion: hash('a'),
  processedDataVersion: hash('b'),
  code: { commit: 'c', dirty: false },
  params: {},
  metrics: { primary: 'rmse', label: 'RMSE', description: 'root mean squared error', validation: metricSet, baselines: { naive: metricSet }, referenceBaseline: 'naive', parityMaxAbsDiff: 0 },
  training: { algorithm: 'gbt', trainRows: 1, fitRows: 1, earlyStoppingRows: 0, validRows: 1, trees: 1, bestIteration: 1, durationMs: 1, fitMs: 1, learningCurve: [], featureImportance: { a: 1 } },
  spec: { stores: [44] },
};
