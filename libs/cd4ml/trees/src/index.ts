export type { ForestParams, GbtParams, Matrix, ProgressEvent, Tree, TreeEnsemble } from './types.ts';
export { defaultGbtParams } from './params.ts';
export { trainGbt } from './train-gbt.ts';
export { trainForest } from './train-forest.ts';
export { predict } from './predict.ts';
export { toOnnx } from './to-onnx.ts';
