// The toy domain of the platform's tests (bike rentals at 10 stations, nothing of a real domain),
// for other platform packages' tests: `@cd4ml/monitoring/testing`. May change with the tests.
export { writeToyFiles } from './toy-files.ts';
export { toyDomain, toyKeys, type ToyChange } from './toy-traffic.ts';
