import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PredictionLogStats } from '../prediction-log/prediction-log.ts';

/** Options of {@link AppMetrics}. */
export interface AppMetricsOptions {
  /**
   * The histogram of predicted values, named by the domain in its own units.
   * @example { name: 'predicted_rentals', help: 'Distribution of predicted daily rentals', buckets: [0, 10, 20, 50, 100, 200, 500] }
   */
  predicted: { name: string; help: string; buckets: readonly number[] };
  /** The release this process serves (`model_info`'s `release_id`). @default '' (run outside a release) */
  releaseId?: string;
}

/**
 * An app's Prometheus metrics, in a registry of its own (so two apps in one process, as in tests,
 * do not collide): the process's default metrics, requests by route and status, latency,
 * predictions and their values, the prediction log's state, readiness, and the model served as
 * `model_info`. The names are what `deploy/prometheus` alerts on and the dashboard plots.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly releaseId: string;
  private readonly requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly predictions = new Counter({ name: 'predictions_total', help: 'Predictions served (a batch counts each row)', registers: [this.registry] });
  private readonly predicted: Histogram;
  private readonly modelInfo = new Gauge({
    name: 'model_info',
    help: 'The model being served, with the raw snapshot and the processed tables it learned from, and the release that holds it (value is always 1)',
    labelNames: ['model_version', 'raw_data_version', 'processed_data_version', 'release_id'],
    registers: [this.registry],
  });

  constructor(o: AppMetricsOptions) {
    this.releaseId = o.releaseId ?? '';
    this.predicted = new Histogram({ name: o.predicted.name, help: o.predicted.help, buckets: [...o.predicted.buckets], registers: [this.registry] });
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Exports the prediction log's state, read at each scrape: `prediction_log_unwritten_lines` and
   * `prediction_log_lag_seconds` (how far it is behind), `prediction_log_written_total` and
   * `prediction_log_dropped_total` (lines shed under load or lost to a failed log).
   */
  watchPredictionLog(log: { stats(): PredictionLogStats }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'prediction_log_unwritten_lines',
      help: 'Prediction log lines handed to the writer and not yet written',
      registers,
      collect() {
        this.set(log.stats().unwritten);
      },
    });
    new Gauge({
      name: 'prediction_log_lag_seconds',
      help: 'Age of the oldest prediction log line not yet written (0 when none)',
      registers,
      collect() {
        this.set(log.stats().lagSeconds);
      },
    });
    for (const [name, help, key] of [
      ['prediction_log_written_total', 'Prediction log lines written', 'written'],
      ['prediction_log_dropped_total', 'Prediction log lines never written: shed under load (when full: shed) or lost to a failed log', 'dropped'],
    ] as const) {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(log.stats()[key]);
        },
      });
    }
  }

  /** Exports `app_ready`, read at each scrape: 1 when `/ready` would answer 200, else 0 (alerting's view of readiness). */
  watchReadiness(isReady: () => boolean): void {
    new Gauge({
      name: 'app_ready',
      help: 'Whether the app is ready to serve predictions (1) or not (0): what /ready answers',
      registers: [this.registry],
      collect() {
        this.set(isReady() ? 1 : 0);
      },
    });
  }

  /** Marks which model is served (`model_info`); call once the model is loaded. */
  setModel(model: { modelVersion: string; rawDataVersion: string; processedDataVersion: string }): void {
    this.modelInfo.reset();
    this.modelInfo.set({ model_version: model.modelVersion, raw_data_version: model.rawDataVersion, processed_data_version: model.processedDataVersion, release_id: this.releaseId }, 1);
  }

  /** Counts one prediction and its value. */
  observePrediction(value: number): void {
    this.predictions.inc();
    this.predicted.observe(value);
  }

  /**
   * Marks the requests under a router's mount path, so their route label is the mount pattern plus
   * the route's own path. `req.baseUrl` would not do: it is the URL as sent, so `/API/V1` and
   * `/api/v1` (Express matches both) would make two series.
   * @example app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(api))
   */
  base(mountPath: string): RequestHandler {
    return (_req, res, next) => {
      res.locals[ROUTE_BASE] = mountPath;
      next();
    };
  }

  /**
   * Times the request and counts it when its response is sent, labelled by the route pattern that
   * matched (never the raw URL, whose case, trailing slash or query would make new series without
   * end): "unmatched" for a 404 that no route matched, "static" for files.
   */
  track(req: Request, res: Response): void {
    const start = performance.now();
    res.once('finish', () => {
      const route = routeLabel(req, res);
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.latency.observe({ method: req.method, route }, (performance.now() - start) / 1000);
    });
  }

  /** `GET /metrics`: the registry in Prometheus' text format. */
  handler(): RequestHandler {
    return async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    };
  }
}

const ROUTE_BASE = 'metricsRouteBase';

function routeLabel(req: Request, res: Response): string {
  // Express types `req.route` as any: read only its path, and only when it is a string pattern.
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${String(res.locals[ROUTE_BASE] ?? '')}${path}`;
  return res.statusCode === 404 ? 'unmatched' : 'static';
}
