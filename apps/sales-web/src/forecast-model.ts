import { join } from 'node:path';
import { GATES_FILE, gateReportSchema, loadArtifact, MODEL_FILE, replayHoldout, type GateReport, type LoadedArtifact } from '@cd4ml/model-artifact';
import { OnnxRegressor } from '@cd4ml/onnx';
import { FeatureBuilder, featureSchemaVersion, featureSpecSchema, type FeatureSpec, type ForecastInput } from '@cd4ml/sales-features';
import { z } from 'zod';
import { RECENT_ACTUALS_FILE, recentActualsSchema, type RecentActuals } from './recent-actuals.ts';

/** One forecast: the input it answers plus the predicted units. */
export interface Forecast extends ForecastInput {
  unit_sales: number;
}

/** Forecasts plus the feature matrix they were computed from (row-major, `nFeatures` per row), for the prediction log. */
export interface Prediction {
  forecasts: Forecast[];
  features: Float32Array;
}

/** A request waiting in a group: its rows are `offset`..`offset + inputs.length` of the group. */
interface Member {
  inputs: readonly ForecastInput[];
  offset: number;
  resolve: (prediction: Prediction) => void;
  reject: (error: unknown) => void;
}

/** Requests that will share one ONNX call, with their features in one growing row-major matrix. */
interface Group {
  x: Float32Array;
  rows: number;
  members: Member[];
}

/** One row of `holdout.json`'s inputs, as training writes them. */
const holdoutInputSchema: z.ZodType<ForecastInput> = z.object({ date: z.string(), store_nbr: z.number().int(), item_nbr: z.number().int(), onpromotion: z.boolean() });

/** Rows one shared ONNX call may hold; a single request larger than this still runs alone. */
const MAX_SHARED_ROWS = 1024;

/**
 * The embedded model: the ONNX file run by onnxruntime-node, plus the feature module built from the
 * spec shipped inside the artifact. Loaded and verified once, at start-up.
 */
export class ForecastModel {
  private constructor(
    /** The folder the model was loaded from. */
    readonly dir: string,
    readonly card: LoadedArtifact<FeatureSpec>['card'],
    readonly features: FeatureBuilder,
    /** The gate stage's report (`gates.json`), or null when the gate stage has not run on this model. */
    readonly gates: GateReport | null,
    /** Recent daily actuals for the UI's chart (`recent-actuals.json`); null when the artifact has none. */
    readonly recentActuals: RecentActuals | null,
    private readonly onnx: OnnxRegressor,
  ) {}

  /** What the holdout replay at load found: rows replayed and the largest difference from training's predictions. */
  replayed = { rows: 0, maxAbsDiff: 0 };

  /**
   * Loads the artifact in `dir`: every file checked against its manifest, the card, its feature spec,
   * `gates.json` and `recent-actuals.json` against their schemas; then `holdout.json` is replayed
   * through this very feature module and ONNX session and must predict what training recorded.
   * Throws an ArtifactError (or an OnnxLoadError, code MODEL_CORRUPT) that names the file and the field.
   */
  static async load(dir: string): Promise<ForecastModel> {
    const artifact = await loadArtifact(dir, { spec: featureSpecSchema, featureSchemaVersion, missingHint: 'Train and gate a model: npx nx run sales-model:gate' });
    const gates = artifact.json(GATES_FILE, gateReportSchema) ?? null;
    const recentActuals = artifact.json(RECENT_ACTUALS_FILE, recentActualsSchema) ?? null;
    const features = new FeatureBuilder(artifact.card.spec);
    const onnx = await OnnxRegressor.load(artifact.onnx, features.nFeatures, join(dir, MODEL_FILE));
    const model = new ForecastModel(dir, artifact.card, features, gates, recentActuals, onnx);
    try {
      // 500 rows in one ONNX call: 6 to 18 ms at start-up (measured here on the default model).
      model.replayed = await replayHoldout(dir, artifact, holdoutInputSchema, (inputs) => model.units(inputs));
    } catch (error) {
      await model.close();
      throw error;
    }
    return model;
  }

  /** Unrounded units for `inputs`, the way training computed its holdout predictions. */
  private async units(inputs: readonly ForecastInput[]): Promise<Float64Array> {
    const y = await this.onnx.run(this.features.matrix(inputs), inputs.length);
    return Float64Array.from(y, (v) => Math.max(0, Math.expm1(v)));
  }

  /** The model version every response and log line carries. */
  get version(): string {
    return this.card.modelVersion;
  }

  /** Forecasts many inputs in one ONNX call. Throws FeatureInputError for unknown items or stores. */
  async predict(inputs: readonly ForecastInput[]): Promise<Forecast[]> {
    return (await this.predictWithFeatures(inputs)).forecasts;
  }

  /**
   * Like {@link predict}, and also returns the features, so the prediction log can record them.
   *
   * Requests share ONNX calls (adaptive batching): those that arrive in one turn of the event loop,
   * or while a call is running, go into one group whose features are written straight into one
   * matrix, and the group runs once. An idle server answers at once; a busy one makes one native
   * call per turn instead of one per request. A bad input fails only its own request.
   */
  predictWithFeatures(inputs: readonly ForecastInput[]): Promise<Prediction> {
    return new Promise<Prediction>((resolve, reject) => {
      const n = this.features.nFeatures;
      let group = this.groups.at(-1);
      // The group that is running, or full, takes no more requests.
      if (!group || group === this.running || (group.rows > 0 && group.rows + inputs.length > MAX_SHARED_ROWS)) {
        group = { x: new Float32Array(Math.max(32, inputs.length) * n), rows: 0, members: [] };
        this.groups.push(group);
      }
      if ((group.rows + inputs.length) * n > group.x.length) {
        const grown = new Float32Array(Math.max(group.x.length * 2, (group.rows + inputs.length) * n));
        grown.set(group.x.subarray(0, group.rows * n));
        group.x = grown;
      }
      try {
        // Written straight into the shared matrix; a bad row leaves group.rows as it was, so it is overwritten.
        for (let i = 0; i < inputs.length; i++) this.features.write(inputs[i]!, group.x, group.rows + i);
      } catch (error) {
        if (group.rows === 0) this.groups.pop();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      group.members.push({ inputs, offset: group.rows, resolve, reject });
      group.rows += inputs.length;
      if (!this.running && !this.scheduled) {
        // Start at the end of this turn, so every request parsed in it joins the first call.
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private readonly groups: Group[] = [];
  private running?: Group;
  private scheduled = false;

  private async drain(): Promise<void> {
    this.scheduled = false;
    const n = this.features.nFeatures;
    for (let group = this.groups[0]; group; group = this.groups[0]) {
      this.running = group;
      try {
        const x = group.x.subarray(0, group.rows * n);
        const y = await this.onnx.run(x, group.rows);
        for (const { inputs, offset, resolve } of group.members) {
          // The model predicts log1p(unit_sales); round to what a store can act on.
          const forecasts = inputs.map((input, i) => ({ ...input, unit_sales: Math.round(Math.max(0, Math.expm1(y[offset + i]!)) * 100) / 100 }));
          resolve({ forecasts, features: x.subarray(offset * n, (offset + inputs.length) * n) });
        }
      } catch (error) {
        for (const member of group.members) member.reject(error);
      }
      this.groups.shift();
    }
    this.running = undefined;
  }

  /** Releases the ONNX session. */
  async close(): Promise<void> {
    await this.onnx.release();
  }
}
