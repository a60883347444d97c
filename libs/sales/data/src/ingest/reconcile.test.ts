import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile.ts';
import type { ScanCounts } from './sales-scanner.ts';

// 10 lines: 4 written, 3 quarantined, 2 outside the filter, 1 return.
const counts: ScanCounts = { lines: 10, in: 10, accepted: 4, quarantined: 3, excludedByFilter: 2, returns: 1 };
const written = { train: 3, valid: 1 };

describe('reconcile', () => {
  it('passes when every line and every row is accounted for, glued rows included', () => {
    expect(() => reconcile(counts, written, 10)).not.toThrow();
    // One line held two glued rows and both went to quarantine.
    expect(() => reconcile({ ...counts, in: 11, quarantined: 4 }, written, 10)).not.toThrow();
  });

  it.each<[string, Partial<ScanCounts>, { train: number; valid: number }, number, RegExp]>([
    ['a glued line accepted as one row', { in: 11 }, written, 10, /11 rows in but 10 accounted for .*: 1 row\(s\) lost/],
    ['a row counted in two places', { excludedByFilter: 3 }, written, 10, /10 rows in but 11 accounted for .*: 1 row\(s\) counted twice/],
    ['fewer lines read than the file holds', { lines: 9 }, written, 10, /9 data lines were read but the manifest counts 10/],
    ['an accepted row that was not written', {}, { train: 2, valid: 1 }, 10, /4 rows were accepted but 3 written/],
  ])('fails on %s, saying what does not add up', (_, change, w, lines, message) => {
    expect(() => reconcile({ ...counts, ...change }, w, lines)).toThrow(message);
  });
});
