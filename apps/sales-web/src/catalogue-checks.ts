import { HttpError } from '@cd4ml/serving';
import { FeatureInputError, type FeatureBuilder } from '@cd4ml/sales-features';

// What every route checks about a request's item and store before it uses them. The wording of
// "unknown item or store" belongs to the feature module (FeatureInputError); the HTTP status it
// maps to is decided once, here, for the error handler.

/** The error handler's `mapError`: the feature module's input errors are 404 (unknown item or store) or 400 (a bad date). */
export function featureInputErrors(error: unknown): HttpError | undefined {
  if (!(error instanceof FeatureInputError)) return undefined;
  return new HttpError(error.code === 'INVALID_DATE' ? 400 : 404, error.code, error.message);
}

/**
 * The store a request is about: the one it names, or the model's only store. A request without a
 * store on a model with several is a 400 that lists them.
 * @param where prefixes the message, e.g. `rows[2]: ` in a batch
 */
export function resolveStore(storeNbr: number | undefined, features: FeatureBuilder, where = ''): number {
  if (storeNbr !== undefined) return storeNbr;
  const stores = features.spec.stores;
  if (stores.length === 1) return stores[0]!.store_nbr;
  throw new HttpError(400, 'INVALID_REQUEST', `${where}store_nbr is required: the model covers stores ${stores.map((s) => s.store_nbr).join(', ')}`);
}

/**
 * Throws the feature module's FeatureInputError when the item or the store is unknown, its
 * message prefixed with `where` (e.g. `rows[2]: `) so a batch error names its row.
 */
export function checkKnown(features: FeatureBuilder, input: { item_nbr: number; store_nbr: number }, where = ''): void {
  try {
    features.check(input);
  } catch (error) {
    if (error instanceof FeatureInputError && where) throw new FeatureInputError(error.code, `${where}${error.message}`);
    throw error;
  }
}
