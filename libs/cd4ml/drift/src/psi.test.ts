import { describe, expect, it } from 'vitest';
import { psi } from './psi.ts';

describe('psi', () => {
  it.each([
    [[0.5, 0.5], [0.5, 0.5], 0],
    [[0.5, 0.5], [0.4, 0.6], 0.0405],
    [[0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1], 0.8757],
  ])('psi(%j, %j) is %d', (before, after, expected) => {
    expect(psi(before, after)).toBe(expected);
  });

  it('is symmetric and stays finite when a bin is empty on one side', () => {
    expect(psi([0.9, 0.1], [1, 0])).toBe(psi([1, 0], [0.9, 0.1]));
    expect(Number.isFinite(psi([1, 0], [0, 1]))).toBe(true);
    expect(psi([1, 0], [0, 1])).toBeGreaterThan(10);
  });

  it('treats a bin missing on one side as empty', () => {
    expect(psi([0.5, 0.5], [0.5, 0.5, 0])).toBe(0);
  });
});
