/** A forecast request: a station, a day, and that day's weather forecast (°C daily mean, mm of rain). */
export interface ForecastRequest {
  date: string;
  station: string;
  temperature: number;
  precipitation: number;
}

export interface ForecastResponse {
  forecast: ForecastRequest & { rentals: number };
  modelVersion: string;
}

/** The served model: its version, the raw and processed data it learned from, the stations it knows, its metric. */
export interface ModelInfo {
  name: string;
  modelVersion: string;
  rawDataVersion: string;
  processedDataVersion: string;
  stations: string[];
  metric: { name: string; value: number };
}

/** An error answer of the API: its HTTP status, its stable code (e.g. UNKNOWN_STATION) and its message. */
export class RentalsApiError extends Error {
  override readonly name = 'RentalsApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A typed client of the rentals forecast API (v1).
 * @example await new RentalsClient('http://localhost:3000').forecast({ date: '2025-01-06', station: 'central', temperature: 4, precipitation: 0 })
 */
export class RentalsClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  forecast(r: ForecastRequest): Promise<ForecastResponse> {
    const query = new URLSearchParams({ date: r.date, station: r.station, temperature: String(r.temperature), precipitation: String(r.precipitation) });
    return this.get(`/api/v1/forecast?${query.toString()}`);
  }

  model(): Promise<ModelInfo> {
    return this.get('/api/v1/model');
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.fetchFn(`${this.base}${path}`, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (!response.ok) throw new RentalsApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? `GET ${path} answered ${response.status}`);
    // The shape is the API's contract, which the provider verifies against this client's pact.
    return body as T;
  }
}
