export { onnxPredict, OnnxLoadError, OnnxRegressor } from './onnx-regressor.ts';
