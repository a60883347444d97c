import type { Actual, BatchForecastResponse, ForecastRequest, ForecastResponse, ModelInfo, ProductsResponse, RecentActuals } from './api-types.ts';
import { SalesApiError } from './sales-api-error.ts';

/** Options of {@link SalesClient}. */
export interface SalesClientOptions {
  /** The fetch to use; the global one by default (tests and proxies may pass their own). */
  fetch?: typeof fetch;
  /** Sent as `X-Request-Id` so the caller's trace id ends up in the app's prediction log. */
  requestId?: () => string;
}

/**
 * A typed client of the sales forecast API (v1). Every method resolves to the API's JSON, or
 * rejects with a {@link SalesApiError} that carries the API's code and message.
 * @example
 * const client = new SalesClient('http://localhost:3000');
 * const { forecast } = await client.forecast({ date: '2017-08-16', item_nbr: 99197 });
 */
export class SalesClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;

  /** @param baseUrl where the app listens, e.g. `http://localhost:3000` */
  constructor(
    baseUrl: string,
    private readonly options: SalesClientOptions = {},
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** One forecast. */
  forecast(request: ForecastRequest): Promise<ForecastResponse> {
    return this.send('POST', '/api/v1/forecast', request);
  }

  /** Many forecasts in one call (the API allows up to 1,000 rows). */
  forecastBatch(rows: readonly ForecastRequest[]): Promise<BatchForecastResponse> {
    return this.send('POST', '/api/v1/forecast/batch', { rows });
  }

  /** The product catalogue. */
  products(): Promise<ProductsResponse> {
    return this.send('GET', '/api/v1/products');
  }

  /** Model version, raw and processed data versions, metrics, gate verdicts and horizon. */
  model(): Promise<ModelInfo> {
    return this.send('GET', '/api/v1/model');
  }

  /** Recent daily actuals of one item, for a chart beside its forecast. */
  recentActuals(itemNbr: number, storeNbr?: number): Promise<RecentActuals> {
    const query = new URLSearchParams({ item_nbr: String(itemNbr), ...(storeNbr === undefined ? {} : { store_nbr: String(storeNbr) }) });
    return this.send('GET', `/api/v1/actuals/recent?${query.toString()}`);
  }

  /** Posts observed sales back for monitoring; resolves to how many rows were recorded. */
  postActuals(actuals: readonly Actual[]): Promise<{ accepted: number; modelVersion: string }> {
    return this.send('POST', '/api/v1/actuals', { actuals });
  }

  private async send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const id = this.options.requestId?.();
    if (id) headers['x-request-id'] = id;
    const response = await this.fetch(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy or a crash answered, not the API: keep the status and a bit of the text.
      throw new SalesApiError(response.status, `HTTP_${response.status}`, `${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 120)}`);
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string }; requestId?: string }).error;
      throw new SalesApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `${method} ${path} answered ${response.status}`, (json as { requestId?: string }).requestId);
    }
    return json as T;
  }
}
