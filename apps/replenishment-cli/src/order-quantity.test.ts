import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderQuantity } from './order-quantity.ts';

describe('orderQuantity', () => {
  it.each([
    // demand, safety, on hand, case pack -> cases, units
    [25.3, 8.4, 10, 12, 2, 24],
    [10, 2, 12, 6, 0, 0],
    [10, 2, 50, 6, 0, 0],
    [12, 0, 0, 12, 1, 12],
    [12.01, 0, 0, 12, 2, 24],
    [0.2, 0, 0, 1, 1, 1],
  ])('demand %d + safety %d − on hand %d in packs of %d -> %d cases (%d units)', (leadTimeDemand, safetyStock, onHand, casePack, cases, units) => {
    expect(orderQuantity({ leadTimeDemand, safetyStock, onHand, casePack })).toMatchObject({ cases, orderUnits: units });
  });

  it('always covers the shortfall with the fewest whole cases', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 1e4 }), fc.integer({ min: 1, max: 48 }), (d, s, h, p) => {
        const line = orderQuantity({ leadTimeDemand: d, safetyStock: s, onHand: h, casePack: p });
        expect(line.orderUnits % p).toBe(0);
        expect(line.orderUnits + h).toBeGreaterThanOrEqual(d + s - 1e-6);
        if (line.cases > 0) expect(line.orderUnits - p + h).toBeLessThan(d + s);
      }),
    );
  });

  it.each([
    [{ leadTimeDemand: 1, safetyStock: 0, onHand: 0, casePack: 0 }, /case pack must be a positive whole number/],
    [{ leadTimeDemand: 1, safetyStock: 0, onHand: 0, casePack: 2.5 }, /case pack must be a positive whole number/],
    [{ leadTimeDemand: 1, safetyStock: 0, onHand: -1, casePack: 6 }, /must not be negative/],
  ])('refuses impossible inputs %o', (inputs, message) => {
    expect(() => orderQuantity(inputs)).toThrow(message);
  });
});
