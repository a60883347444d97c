/** The gates a candidate model must pass, in the order they are reported. */
export const gateNames = ['threshold', 'beats-baseline', 'ratchet', 'slice-error', 'slice-bias', 'parity'] as const;
export type GateName = (typeof gateNames)[number];

/** The outcome of one gate: the figure measured, the bar it was held to, and why. */
export interface GateResult {
  gate: GateName;
  passed: boolean;
  /** The measured figure (e.g. NWRMSLE, worst slice ratio, max abs difference). */
  figure: number;
  /** The bar the figure is compared to. */
  bar: number;
  /** How the figure compares to the bar: "<=" means figure must be at most bar. */
  comparison: '<=' | '>=';
  /** One plain sentence a person can act on. */
  summary: string;
  details?: Record<string, unknown>;
}

/** A candidate failed one or more gates. `message` names each gate, its figure and its bar. */
export class GateFailedError extends Error {
  override readonly name = 'GateFailedError';
  readonly code = 'GATE_FAILED';
  constructor(readonly failures: readonly GateResult[]) {
    super(
      `${failures.length} gate${failures.length === 1 ? '' : 's'} failed:\n` +
        failures.map((f) => `  ${f.gate}: ${fmt(f.figure)} (bar ${f.comparison} ${fmt(f.bar)}): ${f.summary}`).join('\n'),
    );
  }
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/** Throws a {@link GateFailedError} naming every failed gate; returns the results when all passed. */
export function assertGates(results: readonly GateResult[]): readonly GateResult[] {
  const failures = results.filter((r) => !r.passed);
  if (failures.length > 0) throw new GateFailedError(failures);
  return results;
}

/** A gate that compares one figure to one bar. */
export function compareGate(gate: GateName, figure: number, comparison: '<=' | '>=', bar: number, summary: string, details?: Record<string, unknown>): GateResult {
  const passed = comparison === '<=' ? figure <= bar : figure >= bar; // NaN fails both ways
  return { gate, passed, figure, bar, comparison, summary, ...(details ? { details } : {}) };
}
