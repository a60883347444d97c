export type { ForestParams, GbtParams, Matrix, ProgressEvent, TrainOptions, Tree, TreeEnsemble } from './types.ts';
export type { BinnedMatrix } from './bins.ts';
export { binRows, type RowWriter } from './bin-rows.ts';
export { defaultGbtParams } from './params.ts';
export { trainGbt } from './train-gbt.ts';
export { trainForest } from './train-forest.ts';
export { predict } from './predict.ts';
export { toOnnx } from './to-onnx.ts';
export { treeEnsembleSchema } from './ensemble-schema.ts';
