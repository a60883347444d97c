export { kolmogorovPValue, ks, type KsResult } from './ks.ts';
export { psi } from './psi.ts';
export { quantiles } from './quantiles.ts';
export { ReferenceCdf } from './reference-cdf.ts';
export { wasserstein } from './wasserstein.ts';
