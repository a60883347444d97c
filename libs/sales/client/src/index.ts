export type { Actual, BatchForecastResponse, Forecast, ForecastRequest, ForecastResponse, GateVerdict, ModelInfo, Product, ProductsResponse, RecentActuals, Store } from './api-types.ts';
export { SalesApiError } from './sales-api-error.ts';
export { SalesClient, type SalesClientOptions } from './sales-client.ts';
