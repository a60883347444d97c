import { ArtifactError, loadArtifact, type ModelCard } from '@cd4ml/model-artifact';
import { FeatureBuilder, featureSchemaVersion, type FeatureSpec, type ForecastInput } from '@cd4ml/sales-features';
import { InferenceSession, Tensor } from 'onnxruntime-node';

export interface Forecast extends ForecastInput {
  unit_sales: number;
}

/**
 * The embedded model: the ONNX file run by onnxruntime-node, plus the feature module built from the
 * spec shipped inside the artifact. Loaded and verified once, at start-up.
 */
export class ForecastModel {
  private constructor(
    readonly card: ModelCard,
    readonly features: FeatureBuilder,
    private readonly session: InferenceSession,
  ) {}

  /** Loads the artifact in `dir`, verifying its checksum and feature schema; throws an {@link ArtifactError}. */
  static async load(dir: string): Promise<ForecastModel> {
    const { card, onnx } = await loadArtifact(dir, { featureSchemaVersion });
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(onnx);
    } catch (error) {
      throw new ArtifactError('MODEL_CORRUPT', `onnxruntime cannot load ${dir}/model.onnx: ${(error as Error).message}`);
    }
    return new ForecastModel(card, new FeatureBuilder(card.spec as FeatureSpec), session);
  }

  get version(): string {
    return this.card.modelVersion;
  }

  /** Forecasts many inputs in one ONNX call. Throws FeatureInputError for unknown items or stores. */
  async predict(inputs: readonly ForecastInput[]): Promise<Forecast[]> {
    const x = this.features.matrix(inputs);
    const result = await this.session.run({
      [this.session.inputNames[0]!]: new Tensor('float32', x, [inputs.length, this.features.nFeatures]),
    });
    const y = result[this.session.outputNames[0]!]!.data as Float32Array;
    // The model predicts log1p(unit_sales); round to what a store can act on.
    return inputs.map((input, i) => ({ ...input, unit_sales: Math.round(Math.max(0, Math.expm1(y[i]!)) * 100) / 100 }));
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
