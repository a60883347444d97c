import { join } from 'node:path';
import { GATES_FILE, gateReportSchema, loadArtifact, MODEL_FILE, replayHoldout, type GateReport, type LoadedArtifact } from '@cd4ml/model-artifact';
import { OnnxRegressor } from '@cd4ml/onnx';
import { featureMatrix, featureNames, featureSchemaVersion, featureSpecSchema, type FeatureInput, type FeatureSpec } from '@minimal/rentals-model/features';
import { z } from 'zod';

/** One forecast: the request it answers plus the predicted rentals. */
export interface Forecast extends FeatureInput {
  rentals: number;
}

/** Forecasts plus the feature matrix they were computed from (row-major, one row each), for the prediction log. */
export interface Prediction {
  forecasts: Forecast[];
  features: Float32Array;
}

/** One input of `holdout.json`, as training writes it. */
const holdoutInputSchema: z.ZodType<FeatureInput> = z.object({ date: z.string(), station: z.string(), temperature: z.number(), precipitation: z.number() });

/** The gated model, loaded once at start-up: its card, its gate report and an ONNX session. */
export class ForecastModel {
  private constructor(
    /** The folder the model was loaded from. */
    readonly dir: string,
    readonly card: LoadedArtifact<FeatureSpec>['card'],
    /** The gate stage's report (`gates.json`), or null when the gate stage has not run on this model. */
    readonly gates: GateReport | null,
    private readonly onnx: OnnxRegressor,
  ) {}

  /**
   * Loads and verifies the artifact in `dir`: every file against its checksum, the card, the feature
   * spec and gates.json against their schemas; then `holdout.json` is replayed through this very
   * feature module and ONNX session and must predict what training recorded. Throws an
   * ArtifactError (or an OnnxLoadError) that names the file.
   */
  static async load(dir: string): Promise<ForecastModel> {
    const artifact = await loadArtifact(dir, { spec: featureSpecSchema, featureSchemaVersion, missingHint: 'Run the pipeline first: npm run pipeline' });
    const onnx = await OnnxRegressor.load(artifact.onnx, featureNames.length, join(dir, MODEL_FILE));
    const model = new ForecastModel(dir, artifact.card, artifact.json(GATES_FILE, gateReportSchema) ?? null, onnx);
    try {
      await replayHoldout(dir, artifact, holdoutInputSchema, async (inputs) => (await model.run(inputs)).rentals);
    } catch (error) {
      await model.close();
      throw error;
    }
    return model;
  }

  /** The model version every response and log line carries. */
  get version(): string {
    return this.card.modelVersion;
  }

  /** Forecasts for many inputs in one ONNX call, through the shared feature module; throws UnknownStationError. */
  async predict(inputs: readonly FeatureInput[]): Promise<Prediction> {
    const { x, rentals } = await this.run(inputs);
    // A tenth of a rental is finer than any station plans with.
    const forecasts = inputs.map((input, i) => ({ ...input, rentals: Math.round(rentals[i]! * 10) / 10 }));
    return { forecasts, features: x };
  }

  /** Unrounded rentals for `inputs` (the model predicts log1p(rentals)), the way training computed its holdout predictions. */
  private async run(inputs: readonly FeatureInput[]): Promise<{ x: Float32Array; rentals: Float64Array }> {
    const x = featureMatrix(this.card.spec, inputs).values;
    const y = await this.onnx.run(x, inputs.length);
    return { x, rentals: Float64Array.from(y, (v) => Math.max(0, Math.expm1(v))) };
  }

  /** Releases the ONNX session. */
  close(): Promise<void> {
    return this.onnx.release();
  }
}
