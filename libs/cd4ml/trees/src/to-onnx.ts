import onnxProto from 'onnx-proto';
import type { TreeEnsemble } from './types.ts';

const { onnx } = onnxProto;
type Attr = InstanceType<typeof onnx.AttributeProto>;
const AT = onnx.AttributeProto.AttributeType;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const ints = (name: string, v: number[]): Attr => onnx.AttributeProto.create({ name, type: AT.INTS, ints: v });
const floats = (name: string, v: number[]): Attr => onnx.AttributeProto.create({ name, type: AT.FLOATS, floats: v });
const strs = (name: string, v: string[]): Attr => onnx.AttributeProto.create({ name, type: AT.STRINGS, strings: v.map(utf8) });
const int = (name: string, v: number): Attr => onnx.AttributeProto.create({ name, type: AT.INT, i: v });
const str = (name: string, v: string): Attr => onnx.AttributeProto.create({ name, type: AT.STRING, s: utf8(v) });

const floatTensor = (name: string, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });

/**
 * Serialises a tree ensemble as an ONNX model (IR 8, opsets "" 17 and "ai.onnx.ml" 3) with one
 * `TreeEnsembleRegressor` node: input "input" float[N, nFeatures], output "variable" float[N, 1].
 * Splits are `BRANCH_LEQ` with missing values (NaN) tracking the true (left) branch, matching {@link predict}.
 * `metadata` entries become `metadata_props`, plus "feature_names" (JSON array) unless given.
 * The bytes are deterministic for the same model and options.
 *
 * @param model ensemble from {@link trainGbt} or {@link trainForest}
 * @param options.metadata extra key/value strings for `metadata_props`
 * @param options.producerName ONNX producer name (default "@cd4ml/trees")
 * @returns serialised `ModelProto`
 */
export function toOnnx(model: TreeEnsemble, options: { metadata?: Record<string, string>; producerName?: string } = {}): Uint8Array {
  const n = {
    treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], values: [] as number[],
    modes: [] as string[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[],
  };
  const tg = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  model.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) {
      const f = t.feature[i]!;
      const leaf = f < 0;
      n.treeIds.push(ti);
      n.nodeIds.push(i);
      n.featureIds.push(leaf ? 0 : f);
      n.values.push(leaf ? 0 : t.threshold[i]!);
      n.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      n.trueIds.push(leaf ? 0 : t.left[i]!);
      n.falseIds.push(leaf ? 0 : t.right[i]!);
      n.missingTrue.push(leaf ? 0 : 1);
      if (leaf) {
        tg.treeIds.push(ti);
        tg.nodeIds.push(i);
        tg.ids.push(0);
        tg.weights.push(t.value[i]!);
      }
    }
  });
  const attrs = [
    str('aggregate_function', model.aggregate),
    floats('base_values', [model.baseScore]),
    int('n_targets', 1),
    ints('nodes_falsenodeids', n.falseIds),
    ints('nodes_featureids', n.featureIds),
    ints('nodes_missing_value_tracks_true', n.missingTrue),
    strs('nodes_modes', n.modes),
    ints('nodes_nodeids', n.nodeIds),
    ints('nodes_treeids', n.treeIds),
    ints('nodes_truenodeids', n.trueIds),
    floats('nodes_values', n.values),
    str('post_transform', 'NONE'),
    ints('target_ids', tg.ids),
    ints('target_nodeids', tg.nodeIds),
    ints('target_treeids', tg.treeIds),
    floats('target_weights', tg.weights),
  ];
  const node = onnx.NodeProto.create({
    name: 'TreeEnsembleRegressor',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: ['input'],
    output: ['variable'],
    attribute: attrs,
  });
  const meta: Record<string, string> = { ...options.metadata };
  if (!('feature_names' in meta)) meta.feature_names = JSON.stringify(model.featureNames);
  const modelProto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: options.producerName ?? '@cd4ml/trees',
    producerVersion: '0.1.0',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: `cd4ml_${model.kind}`,
      node: [node],
      input: [floatTensor('input', ['N', model.featureNames.length])],
      output: [floatTensor('variable', ['N', 1])],
    },
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
  });
  // copy into a plain, unpooled Uint8Array (protobufjs returns a pooled Buffer in Node)
  return new Uint8Array(onnx.ModelProto.encode(modelProto).finish());
}
