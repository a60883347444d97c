// The client's own view of the API. These types are written from the consumer's side on purpose:
// the Pact tests, not a shared import, prove that the provider still answers them.

/** A forecast request; `store_nbr` may be left out when the model covers one store. */
export interface ForecastRequest {
  date: string;
  item_nbr: number;
  store_nbr?: number;
  onpromotion?: boolean;
}

/** One forecast: the completed request plus the predicted units. */
export interface Forecast {
  date: string;
  item_nbr: number;
  store_nbr: number;
  onpromotion: boolean;
  unit_sales: number;
}

/** The answer to a single forecast. */
export interface ForecastResponse {
  forecast: Forecast;
  modelVersion: string;
}

/** The answer to a batch forecast, in request order. */
export interface BatchForecastResponse {
  forecasts: Forecast[];
  count: number;
  modelVersion: string;
}

/** A product of the catalogue. */
export interface Product {
  item_nbr: number;
  family: string;
  class: number;
  perishable: boolean;
}

/** The catalogue. */
export interface ProductsResponse {
  products: Product[];
  modelVersion: string;
}

/** What the app says about its model. */
export interface ModelInfo {
  modelVersion: string;
  dataVersion: string;
  metrics: Record<string, unknown>;
  /** The gate stage's report, or null when the served model was not gated. */
  gates: {
    passed: boolean;
    results: { gate: string; passed: boolean; figure: number | null; bar: number; comparison: '<=' | '>='; summary: string }[];
  } | null;
  horizon: { lastDate: string };
}

/** Recent daily actuals of one item in one store, oldest first. */
export interface RecentActuals {
  item_nbr: number;
  store_nbr: number;
  lastDate: string | null;
  actuals: { date: string; unit_sales: number }[];
  modelVersion: string;
}

/** An observed outcome posted back for monitoring. */
export interface Actual {
  date: string;
  item_nbr: number;
  store_nbr?: number;
  unit_sales: number;
}
