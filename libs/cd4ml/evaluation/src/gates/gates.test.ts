import { describe, expect, it } from 'vitest';
import { regressionMetrics, type MetricPolicy, type MetricSet } from '../metrics.ts';
import { gateResultSchema } from '../schemas.ts';
import { sliceMetrics } from '../slices.ts';
import { fairnessGates } from './fairness-gates.ts';
import { assertGates, GateFailedError } from './gate-result.ts';
import { modelGates } from './model-gates.ts';
import { parityGate } from './parity-gate.ts';
import { ratchetGate } from './ratchet-gate.ts';
import { thresholdGates } from './threshold-gates.ts';

const policy: MetricPolicy = { primary: 'wrmsle', base: 'rmsle', description: 'RMSLE', label: 'WRMSLE' };
const settings = { maxError: 0.5, minImprovementOverBaseline: 0.1, minImprovementOverBestBaseline: 0.02 };
const m = (wrmsle: number): MetricSet => ({ wrmsle, rows: 100 });

describe('threshold gates', () => {
  const baselines = { naive: m(0.6), mean: m(0.45) };
  it('pass a model under the bar that beats both the reference and the strongest baseline by their margins', () => {
    expect(thresholdGates(policy, m(0.4), baselines, 'naive', settings).map((g) => [g.gate, g.passed])).toEqual([
      ['threshold', true],
      ['beats-baseline', true],
      ['beats-best-baseline', true],
    ]);
  });
  it('fail a model over the absolute bar, naming the metric', () => {
    expect(thresholdGates(policy, m(0.55), { naive: m(0.9) }, 'naive', settings)[0]).toMatchObject({ gate: 'threshold', passed: false, figure: 0.55, bar: 0.5, summary: expect.stringMatching(/^WRMSLE 0\.5500/) });
  });
  it('fail a model that does not beat the reference baseline by the margin', () => {
    const [, g] = thresholdGates(policy, m(0.45), { naive: m(0.48) }, 'naive', settings);
    expect(g).toMatchObject({ gate: 'beats-baseline', passed: false, bar: 0.1 });
    expect(g!.figure).toBeCloseTo(1 - 0.45 / 0.48, 10);
  });
  it('fail a model that beats the naive baseline well but is no better than the strongest one (a per-item mean)', () => {
    const [, naive, best] = thresholdGates(policy, m(0.445), baselines, 'naive', settings);
    expect(naive!.passed).toBe(true);
    expect(best).toMatchObject({ gate: 'beats-best-baseline', passed: false, details: { baseline: 'mean' }, summary: expect.stringMatching(/better than mean/) });
  });
});

describe('ratchet gate', () => {
  it('passes vacuously with no bar, and says why, without a champion; the verdict round-trips through its schema', () => {
    const g = ratchetGate(0.9, undefined, 0.02, 'champion measured on other data');
    expect(g).toMatchObject({ passed: true, bar: null, summary: expect.stringMatching(/champion measured on other data/) });
    expect(gateResultSchema.parse(JSON.parse(JSON.stringify(g)))).toEqual(g);
  });
  it('allows the tolerance and fails beyond it', () => {
    const champion = { id: 'abc', error: 0.4, source: 're-scored' };
    expect(ratchetGate(0.407, champion, 0.02).passed).toBe(true);
    expect(ratchetGate(0.41, champion, 0.02)).toMatchObject({ passed: false, bar: 0.4 * 1.02 });
  });
});

describe('fairness gates', () => {
  const actual = [5, 5, 5, 5, 5, 5, 5, 5, 9];
  const group = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'tiny'];
  const run = (pred: number[]) => {
    const slices = sliceMetrics(pred, actual, undefined, [{ name: 'family', key: (i) => group[i]! }], policy);
    return fairnessGates(policy, regressionMetrics(pred, actual, policy), slices, { minRows: 3, maxErrorRatio: 1.4, maxAbsBias: 0.3 });
  };
  it('pass when the error is spread evenly, ignoring slices under the minimum size', () => {
    // The tiny slice is forecast well too, so the overall error is not inflated and the slice
    // ratios (about 1.06 here) are a real check that would fail for an uneven model.
    const results = run([6, 4, 6, 4, 6, 4, 6, 4, 8.8]);
    expect(results.map((g) => g.passed)).toEqual([true, true]);
    expect(results[0]!.figure).toBeGreaterThan(1);
    expect(results[0]!.details).toMatchObject({ gatedSlices: 2, skippedSmallSlices: 1 });
  });
  it('fail a model that predicts zero for one family, naming that slice', () => {
    const [error, bias] = run([5, 5, 5, 5, 0, 0, 0, 0, 9]);
    expect(error).toMatchObject({ gate: 'slice-error', passed: false, summary: expect.stringMatching(/family=b/) });
    expect(bias).toMatchObject({ gate: 'slice-bias', passed: false, summary: expect.stringMatching(/family=b.*under-forecast/) });
  });
  it('fail a systematic under-forecast of one slice even when the errors are balanced', () => {
    // Slice a is under-forecast and slice b over-forecast by the same 0.5 in log space: each slice's
    // error equals the other's, so slice-error passes, but the bias of each is 0.5 > 0.3.
    const under = 6 * Math.exp(-0.5) - 1;
    const over = 6 * Math.exp(0.5) - 1;
    const [error, bias] = run([under, under, under, under, over, over, over, over, 9]);
    expect(error).toMatchObject({ gate: 'slice-error', passed: true });
    expect(bias).toMatchObject({ gate: 'slice-bias', passed: false, summary: expect.stringMatching(/family=a.*under-forecast/) });
    expect(bias!.figure).toBeCloseTo(0.5, 10);
  });
});

describe('parity gate', () => {
  it('passes within tolerance and fails on a perturbed export, NaN included', () => {
    expect(parityGate([1, 2], [1, 2.00001], 1e-4).passed).toBe(true);
    expect(parityGate([1, 2], [1, 2.01], 1e-4)).toMatchObject({ passed: false, details: { worstRow: 1 } });
    expect(parityGate([1, 2], [Number.NaN, 2], 1e-4).passed).toBe(false);
    expect(parityGate([1, 2], [1], 1e-4).passed).toBe(false);
  });
  it('a failed figure (Infinity) still fails after a round trip through JSON and the schema', () => {
    const g = gateResultSchema.parse(JSON.parse(JSON.stringify(parityGate([1, 2], [1], 1e-4))));
    expect(g.passed).toBe(false);
    expect(Number.isNaN(g.figure)).toBe(true);
  });
});

describe('modelGates', () => {
  it('runs every gate in order and reports a missing in-process model as a parity failure', () => {
    const results = modelGates({
      policy,
      settings: { ...settings, ratchetTolerance: 0.02, fairness: { minRows: 1000, maxErrorRatio: 2, maxAbsBias: 1 }, parityTolerance: 1e-4 },
      overall: { ...m(0.4), bias: 0 },
      baselines: { naive: m(0.6) },
      referenceBaseline: 'naive',
      slices: [],
      champion: { why: 'no champion yet' },
      parity: { missing: 'no ensemble.json beside the model' },
    });
    expect(results.map((r) => r.gate)).toEqual(['threshold', 'beats-baseline', 'beats-best-baseline', 'ratchet', 'slice-error', 'slice-bias', 'parity']);
    expect(results.at(-1)).toMatchObject({ passed: false, summary: 'no ensemble.json beside the model' });
  });
});

describe('assertGates', () => {
  it('throws a GateFailedError naming the gate, the figure and the bar', () => {
    const results = [...thresholdGates(policy, m(0.7), { naive: m(0.6) }, 'naive', settings), ratchetGate(0.7, undefined, 0)];
    expect(() => assertGates(results)).toThrow(GateFailedError);
    expect(() => assertGates(results)).toThrow(/threshold: 0\.7 \(bar <= 0\.5\)[\s\S]*beats-baseline: -0\.1667 \(bar >= 0\.1\)/);
    expect(assertGates(results.slice(3))).toHaveLength(1);
  });
});
