import type { MetricPolicy } from '@cd4ml/evaluation';
import type { SalesRow } from '@cd4ml/sales-schema';

/**
 * The sales forecast's primary metric: Kaggle Favorita's NWRMSLE, the RMSLE of unit sales with
 * perishable items weighing 1.25 (see {@link salesWeight}). The platform computes it by this name.
 */
export const salesMetricPolicy: MetricPolicy = {
  primary: 'nwrmsle',
  base: 'rmsle',
  label: 'NWRMSLE',
  description: "Kaggle Favorita's metric: RMSLE of unit sales, perishable items weighing 1.25",
};

/** Perishables weigh 1.25 in NWRMSLE. */
export const salesWeight = (r: Pick<SalesRow, 'perishable'>) => (r.perishable ? 1.25 : 1);

/** The baseline the `beats-baseline` gate holds the model to. */
export const REFERENCE_BASELINE = 'seasonalNaive';
