import { defineFeedback, defineMonitor } from '@cd4ml/monitoring';
import { toyDomain, toyKeys } from '@cd4ml/monitoring/testing';
import { z } from 'zod';

// The toy domain of the platform's tests, defined as a domain defines itself for the platform's
// monitor and feedback stages (--definition names this file).

/** @public loaded by path (`--definition`), as a cd4ml.json names a domain's module */
export const monitor = defineMonitor({ spec: z.unknown(), domain: () => toyDomain });

export const feedback = defineFeedback({
  keys: toyKeys,
  columns: ['date', 'station', 'rentals', 'weekend'],
  outcome: (j) => ({ date: j.day, station: String(j.input['station']), rentals: j.actual, weekend: j.input['weekend'] === true ? 'yes' : 'no' }),
  row: z.strictObject({ date: z.iso.date(), station: z.coerce.number().int(), rentals: z.coerce.number().nonnegative(), weekend: z.enum(['yes', 'no']) }),
});
