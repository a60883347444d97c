import type { z } from 'zod';
import type { gateResultSchema } from '../schemas.ts';

/** The platform's gates, in the order they are reported. A domain may add its own. */
export const gateNames = ['threshold', 'beats-baseline', 'beats-best-baseline', 'ratchet', 'slice-error', 'slice-bias', 'parity'] as const;
export type GateName = (typeof gateNames)[number];

/** The outcome of one gate: the figure measured, the bar it was held to, and why (see `gateResultSchema`). */
export type GateResult = z.output<typeof gateResultSchema>;

/** A candidate failed one or more gates. `message` names each gate, its figure and its bar. */
export class GateFailedError extends Error {
  override readonly name = 'GateFailedError';
  readonly code = 'GATE_FAILED';
  constructor(readonly failures: readonly GateResult[]) {
    super(
      `${failures.length} gate${failures.length === 1 ? '' : 's'} failed:\n` +
        failures.map((f) => `  ${f.gate}: ${formatFigure(f.figure)} (bar ${f.comparison} ${formatFigure(f.bar)}): ${f.summary}`).join('\n'),
    );
  }
}

/** A figure as gate reports print it: 4 significant digits, "none" for a missing bar. */
export function formatFigure(v: number | null): string {
  if (v === null) return 'none';
  return Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v);
}

/** Throws a {@link GateFailedError} naming every failed gate; returns the results when all passed. */
export function assertGates(results: readonly GateResult[]): readonly GateResult[] {
  const failures = results.filter((r) => !r.passed);
  if (failures.length > 0) throw new GateFailedError(failures);
  return results;
}

/**
 * A gate that compares one figure to one bar. A null bar passes vacuously (nothing to compare
 * with); the summary must say why. NaN fails both ways.
 */
export function compareGate(gate: string, figure: number, comparison: '<=' | '>=', bar: number | null, summary: string, details?: Record<string, unknown>): GateResult {
  const passed = bar === null ? true : comparison === '<=' ? figure <= bar : figure >= bar;
  return { gate, passed, figure, bar, comparison, summary, ...(details ? { details } : {}) };
}
