import { z } from 'zod';
import type { Tree, TreeEnsemble } from './types.ts';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

const treeSchema = z
  .object({
    feature: z.array(z.int().min(-1)),
    threshold: z.array(finite),
    left: z.array(z.int().min(-1)),
    right: z.array(z.int().min(-1)),
    value: z.array(finite),
    gain: z.array(finite),
  })
  .superRefine((t, ctx) => {
    const n = t.feature.length;
    for (const key of ['threshold', 'left', 'right', 'value', 'gain'] as const) {
      if (t[key].length !== n) ctx.addIssue({ code: 'custom', path: [key], message: `has ${t[key].length} nodes, feature has ${n}` });
    }
    if (n === 0) ctx.addIssue({ code: 'custom', path: ['feature'], message: 'a tree needs at least one node' });
    for (let i = 0; i < n; i++) {
      const leaf = t.feature[i] === -1;
      for (const side of ['left', 'right'] as const) {
        const child = t[side][i]!;
        // Children come after their parent in this layout, so a walk always ends at a leaf.
        if (leaf ? child !== -1 : child <= i || child >= n) {
          ctx.addIssue({ code: 'custom', path: [side, i], message: leaf ? 'a leaf has no children (-1)' : `child ${child} of node ${i} is not a later node of this tree (1..${n - 1})` });
        }
      }
    }
  });

/**
 * The in-process ensemble as written to JSON (`TreeEnsemble`), checked deeply enough that `predict`
 * cannot walk out of a tree: node arrays of one length, children inside the tree and after their
 * parent, split features among `featureNames`, finite numbers.
 */
export const treeEnsembleSchema: z.ZodType<TreeEnsemble> = z
  .object({
    kind: z.enum(['gbt', 'forest']),
    featureNames: z.array(z.string()).min(1),
    baseScore: finite,
    trees: z.array(treeSchema),
    aggregate: z.enum(['SUM', 'AVERAGE']),
    history: z.array(z.object({ iteration: z.int().min(1), trainRmse: z.number(), validRmse: z.number().optional() })),
    bestIteration: z.int().min(0),
    featureImportance: z.array(z.number()),
  })
  .superRefine((e, ctx) => {
    e.trees.forEach((t: Tree, ti) =>
      t.feature.forEach((f, i) => {
        if (f >= e.featureNames.length) ctx.addIssue({ code: 'custom', path: ['trees', ti, 'feature', i], message: `feature ${f} is not one of the ${e.featureNames.length} features` });
      }),
    );
    if (e.featureImportance.length !== e.featureNames.length) ctx.addIssue({ code: 'custom', path: ['featureImportance'], message: `has ${e.featureImportance.length} entries for ${e.featureNames.length} features` });
  });
