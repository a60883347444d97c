/** What one item's order is computed from. */
export interface OrderInputs {
  /** Forecast units over the lead time (the days until the order arrives). */
  leadTimeDemand: number;
  /** Units kept on top of the forecast, against forecast error. */
  safetyStock: number;
  /** Units in the store now. */
  onHand: number;
  /** Units per case: orders are whole cases. */
  casePack: number;
}

/** An order line and how it was reached. */
export interface OrderLine extends OrderInputs {
  /** Units still needed: demand + safety stock − on hand, never below 0. */
  shortfall: number;
  /** Whole cases to order. */
  cases: number;
  /** Units ordered: `cases × casePack`. */
  orderUnits: number;
}

/**
 * The classic order-up-to rule: order what covers forecast demand over the lead time plus safety
 * stock, minus what is on hand, rounded up to whole case packs.
 * @example orderQuantity({ leadTimeDemand: 25.3, safetyStock: 8.4, onHand: 10, casePack: 12 }).orderUnits // 24
 */
export function orderQuantity(inputs: OrderInputs): OrderLine {
  const { leadTimeDemand, safetyStock, onHand, casePack } = inputs;
  if (!Number.isInteger(casePack) || casePack < 1) throw new RangeError(`case pack must be a positive whole number, not ${casePack}`);
  if (onHand < 0 || leadTimeDemand < 0 || safetyStock < 0) throw new RangeError('demand, safety stock and stock on hand must not be negative');
  const shortfall = Math.max(0, leadTimeDemand + safetyStock - onHand);
  // A rounding hair (1e-9) must not order a whole extra case.
  // `Math.max(0, …)` also turns ceil's -0 into 0.
  const cases = Math.max(0, Math.ceil(shortfall / casePack - 1e-9));
  return { ...inputs, shortfall: Math.round(shortfall * 100) / 100, cases, orderUnits: cases * casePack };
}
