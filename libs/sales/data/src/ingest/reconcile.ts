import type { ScanCounts } from './sales-scanner.ts';

/** Thrown when the row counts of ingest do not add up: a row was lost or counted twice. */
export class ReconciliationError extends Error {
  override readonly name = 'ReconciliationError';
  readonly code = 'ROWS_UNRECONCILED';
}

/**
 * Checks that every row of train.csv is accounted for, by two independent counts:
 * - physical lines: those read must be those the manifest counted from the file's bytes;
 * - rows: rows in = train + valid + quarantined + excludedByFilter + returns, where a line
 *   holding two glued rows counts two rows in, so accepting it as one would show a lost row.
 *
 * @param manifestLines data lines of train.csv by its manifest (newlines counted in the bytes)
 * @throws ReconciliationError naming what does not add up
 */
export function reconcile(counts: ScanCounts, written: { train: number; valid: number }, manifestLines: number): void {
  const problems: string[] = [];
  if (counts.lines !== manifestLines) {
    problems.push(`${counts.lines} data lines were read but the manifest counts ${manifestLines} (a line break other than \\n, such as a lone carriage return?)`);
  }
  if (counts.accepted !== written.train + written.valid) {
    problems.push(`${counts.accepted} rows were accepted but ${written.train + written.valid} written (${written.train} train + ${written.valid} valid)`);
  }
  const accounted = written.train + written.valid + counts.quarantined + counts.excludedByFilter + counts.returns;
  if (accounted !== counts.in) {
    problems.push(
      `${counts.in} rows in but ${accounted} accounted for (${written.train} train + ${written.valid} valid + ${counts.quarantined} quarantined + ` +
        `${counts.excludedByFilter} outside the filter + ${counts.returns} returns): ${Math.abs(counts.in - accounted)} row(s) ${accounted < counts.in ? 'lost' : 'counted twice'}`,
    );
  }
  if (problems.length > 0) throw new ReconciliationError(`ingest: train.csv does not reconcile: ${problems.join('; ')}.`);
}
