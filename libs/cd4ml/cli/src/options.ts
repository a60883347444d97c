import { parseIsoDate } from '@cd4ml/calendar';
import { InvalidArgumentError } from '@commander-js/extra-typings';

// Option parsers shared by every CLI, so the same kind of value is checked and explained the same way.
// Each returns the typed value, or throws commander's InvalidArgumentError, which commander turns
// into "error: option '--x <n>' argument 'y' is invalid. <our message>" and exit code 1.

/**
 * A whole number within bounds.
 * @example program.option('--seed <n>', 'random seed', integer({ min: 0 }), 42)
 */
export function integer(bounds: { min?: number; max?: number } = {}): (value: string) => number {
  const { min = -Infinity, max = Infinity } = bounds;
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number${range(min, max)}.`);
    return n;
  };
}

/** A finite number within bounds, e.g. a tolerance or a ratio. */
export function number(bounds: { min?: number; max?: number } = {}): (value: string) => number {
  const { min = -Infinity, max = Infinity } = bounds;
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number${range(min, max)}.`);
    return n;
  };
}

/** A real calendar date written YYYY-MM-DD (2017-02-30 is refused). */
export function isoDate(value: string): string {
  if (parseIsoDate(value) === undefined) throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD.');
  return value;
}

/** Comma-separated whole numbers, e.g. store numbers "44,45". */
export function integerList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((s) => !/^\d+$/.test(s))) throw new InvalidArgumentError('expected comma-separated whole numbers, e.g. 44,45.');
  return parts.map(Number);
}

function range(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` of at least ${min}`;
  if (max < Infinity) return ` of at most ${max}`;
  return '';
}
