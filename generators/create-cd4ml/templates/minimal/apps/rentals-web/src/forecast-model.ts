import { join } from 'node:path';
import { GATES_FILE, gateReportSchema, loadArtifact, MODEL_FILE, type GateReport, type ModelCard } from '@cd4ml/model-artifact';
import { OnnxRegressor } from '@cd4ml/onnx';
import { featureMatrix, featureNames, featureSchemaVersion, featureSpecSchema, type FeatureInput, type FeatureSpec } from '@minimal/rentals-model/features';

/** The gated model, loaded once at start-up: its card, its gate report and an ONNX session. */
export class ForecastModel {
  private constructor(
    readonly dir: string,
    readonly card: ModelCard & { spec: FeatureSpec },
    readonly gates: GateReport | undefined,
    private readonly onnx: OnnxRegressor,
  ) {}

  /** Loads and verifies the artifact in `dir`: every file against its checksum, the card, the feature spec and gates.json against their schemas. */
  static async load(dir: string): Promise<ForecastModel> {
    const artifact = await loadArtifact(dir, { spec: featureSpecSchema, featureSchemaVersion, missingHint: 'Run the pipeline first: npm run pipeline' });
    const onnx = await OnnxRegressor.load(artifact.onnx, featureNames.length, join(dir, MODEL_FILE));
    return new ForecastModel(dir, artifact.card, artifact.json(GATES_FILE, gateReportSchema), onnx);
  }

  /** Forecast rentals for one station and day, through the shared feature module; throws UnknownStationError. */
  async forecast(input: FeatureInput): Promise<number> {
    const [log1p] = await this.onnx.run(featureMatrix(this.card.spec, [input]).values, 1);
    return Math.round(Math.max(0, Math.expm1(log1p!)) * 10) / 10;
  }

  /** Why this model must not be reported ready, or undefined: its own gates.json must exist, name this model.onnx, and say passed. */
  notReadyReason(): string | undefined {
    const where = join(this.dir, GATES_FILE);
    if (!this.gates) return `model ${this.card.modelVersion} has no ${GATES_FILE}: serve the gate stage's output (npx nx run rentals-model:gate), not the train stage's`;
    if (this.gates.modelSha256 !== this.card.onnx.sha256) return `${where} was written for another model.onnx (sha256 ${this.gates.modelSha256.slice(0, 12)}, this one is ${this.card.onnx.sha256.slice(0, 12)})`;
    if (!this.gates.passed) return `${where} says model ${this.card.modelVersion} failed its gates (${this.gates.results.filter((r) => !r.passed).map((r) => r.gate).join(', ')})`;
    return undefined;
  }

  close(): Promise<void> {
    return this.onnx.release();
  }
}
