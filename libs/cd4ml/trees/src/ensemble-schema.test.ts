import { describe, expect, it } from 'vitest';
import { treeEnsembleSchema } from './ensemble-schema.ts';
import { syntheticData } from './synthetic.ts';
import { trainForest } from './train-forest.ts';
import { trainGbt } from './train-gbt.ts';
import { defaultGbtParams } from './params.ts';
import type { TreeEnsemble } from './types.ts';

const { x, y } = syntheticData(3000, 5, 4);
const names = ['a', 'b', 'c', 'd', 'e'];
const gbt = trainGbt(x, y, { ...defaultGbtParams, nEstimators: 8 }, { featureNames: names });
const forest = trainForest(x, y, { nEstimators: 4, maxDepth: 6, maxLeaves: 31, minSamplesLeaf: 5, sampleFraction: 0.8, colsample: 1, maxBins: 255, seed: 1 }, { featureNames: names });
const roundTrip = (e: TreeEnsemble): unknown => JSON.parse(JSON.stringify(e));

describe('treeEnsembleSchema', () => {
  it.each([['gradient-boosted trees', gbt], ['a random forest', forest]])('accepts %s as trained, after a JSON round trip', (_, e) => {
    expect(treeEnsembleSchema.parse(roundTrip(e))).toEqual(e);
  });

  it.each([
    ['a child pointing back up the tree (a loop)', (e: TreeEnsemble) => (e.trees[0]!.left[0] = 0), /trees\.0\.left\.0.*not a later node/s],
    ['a child outside the tree', (e: TreeEnsemble) => (e.trees[0]!.right[0] = 10_000), /trees\.0\.right\.0/],
    ['a split on a feature the model does not have', (e: TreeEnsemble) => (e.trees[1]!.feature[0] = 5), /trees\.1\.feature\.0.*not one of the 5 features/s],
    ['node arrays of different lengths', (e: TreeEnsemble) => e.trees[0]!.value.pop(), /trees\.0\.value.*nodes, feature has/s],
    ['a leaf value that is not a number', (e: TreeEnsemble) => ((e.trees[0]!.value as unknown[])[e.trees[0]!.value.length - 1] = 'x'), /trees\.0\.value/],
    ['an unknown aggregate', (e: TreeEnsemble) => ((e as { aggregate: string }).aggregate = 'MEDIAN'), /aggregate/],
  ])('refuses %s, naming the field', (_, corrupt, message) => {
    const e = roundTrip(gbt) as TreeEnsemble;
    corrupt(e);
    const result = treeEnsembleSchema.safeParse(e);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`))).toMatch(message);
  });
});
