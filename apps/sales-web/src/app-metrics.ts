import type { Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics, in a registry of its own (so two apps in one process, as in
 * tests, do not collide): requests by route and status, latency, predictions and their values,
 * and the model version as an info metric.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly predictions = new Counter({ name: 'predictions_total', help: 'Forecasts served (a batch counts each row)', registers: [this.registry] });
  private readonly predicted = new Histogram({
    name: 'predicted_unit_sales',
    help: 'Distribution of predicted unit sales',
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  private readonly modelInfo = new Gauge({ name: 'model_info', help: 'The model being served (value is always 1)', labelNames: ['model_version', 'data_version'], registers: [this.registry] });

  /** Marks which model is served; call once the model is loaded. */
  setModel(modelVersion: string, dataVersion: string): void {
    this.modelInfo.reset();
    this.modelInfo.set({ model_version: modelVersion, data_version: dataVersion }, 1);
  }

  /** Counts one prediction and its value. */
  observePrediction(unitSales: number): void {
    this.predictions.inc();
    this.predicted.observe(unitSales);
  }

  /** Times the request and counts it when its response is sent, labelled by route pattern, never by raw URL. */
  track(req: Request, res: Response): void {
    const start = performance.now();
    res.once('finish', () => {
      // Routes have no path parameters, so the matched path is a bounded label.
      const route = req.route ? req.originalUrl.split('?')[0]! : res.statusCode === 404 ? 'unmatched' : 'static';
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.latency.observe({ method: req.method, route }, (performance.now() - start) / 1000);
    });
  }
}
