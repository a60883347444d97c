export type { Actual, BatchForecastResponse, Forecast, ForecastRequest, ForecastResponse, ModelInfo, Product, ProductsResponse, RecentActuals } from './api-types.ts';
export { SalesApiError } from './sales-api-error.ts';
export { SalesClient, type SalesClientOptions } from './sales-client.ts';
export { pactDir, PROVIDER_NAME } from './pact-config.ts';
