export { RentalsApiError, RentalsClient, type ForecastRequest, type ForecastResponse, type ModelInfo } from './rentals-client.ts';
