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

/** A store the model covers. */
export interface Store {
  store_nbr: number;
  city: string;
  state: string;
  type: string;
  cluster: number;
}

/** The catalogue: the products, and the stores a forecast may be asked for. */
export interface ProductsResponse {
  products: Product[];
  stores: Store[];
  modelVersion: string;
}

/** One gate's verdict; `bar` is null when the gate had nothing to compare with and passed vacuously. */
export interface GateVerdict {
  gate: string;
  passed: boolean;
  figure: number | null;
  bar: number | null;
  comparison: '<=' | '>=';
  summary: string;
}

/**
 * What the app says about its model. The data has two versions, never one ambiguous "data version":
 * the raw snapshot the model learned from, and the processed tables it was fit and measured on.
 */
export interface ModelInfo {
  modelVersion: string;
  /** The raw snapshot's version: the `dataVersion` of its manifest. */
  rawDataVersion: string;
  /** The processed tables' version: the `dataVersion` of their manifest. */
  processedDataVersion: string;
  metrics: { primary: string; label: string; validation: Record<string, number | null> };
  /** The gate stage's report, or null when the served model was not gated. */
  gates: {
    modelSha256: string;
    rawDataVersion: string;
    processedDataVersion: string;
    passed: boolean;
    results: GateVerdict[];
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
