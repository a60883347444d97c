import type { AppMetrics, OpenActuals, Rotation, ServerErrorEntry, ServingState } from '@cd4ml/serving';
import { loadedModel } from '@cd4ml/serving';
import type { ForecastModel } from './forecast-model.ts';
import { Forecaster, type SalesPredictionLog } from './forecaster.ts';

/** What the app serves from: the model (absent until loaded, or when it failed to load) and why not. */
export type AppState = ServingState<ForecastModel>;


/** Options of {@link createApp}, what `serve` makes from the command line; every one has a safe default. */
export interface AppOptions {
  /** Where posted actuals are appended as JSON lines (the platform's actuals route); without it `POST /api/v1/actuals` answers 503. */
  actuals?: {
    file: string;
    /** Size rotation of the file. @default 64 MiB a file, 8 rotated files kept */
    rotation?: Rotation;
    /** How the file is opened for appending: the seam through which tests fill the disk. @default node's `open(path, 'a+')` */
    openFile?: OpenActuals;
  };
  /** Receives every prediction, to write one JSON line each; without it nothing is logged. */
  predictionLog?: SalesPredictionLog;
  /** The release this process serves, for `model_info` (`--release`, CD4ML_RELEASE). @default '' */
  releaseId?: string;
  /** Where every 5xx is logged with its request id and cause. @default one JSON line on stderr */
  logError?: (entry: ServerErrorEntry) => void;
}

/** What the API routes share: the ready model (or a 503) and the forecaster built around it. */
export class ApiContext {
  private cached?: { model: ForecastModel; forecaster: Forecaster };

  constructor(
    readonly state: AppState,
    readonly options: AppOptions & { metrics: AppMetrics },
  ) {}

  /** The loaded model, or a 503 saying why there is none. */
  model(): ForecastModel {
    return loadedModel(this.state);
  }

  /** The forecaster for the current model. */
  forecaster(): Forecaster {
    const model = this.model();
    if (this.cached?.model !== model) {
      this.options.metrics.setModel(model.card);
      this.cached = { model, forecaster: new Forecaster(model, this.options.metrics, this.options.predictionLog) };
    }
    return this.cached.forecaster;
  }
}
