import { describe, expect, it } from 'vitest';
import { expandGrid, parseSet, setPath } from './param-grid.ts';

describe('parameter grid', () => {
  it.each([
    ['model.gbt.learningRate=0.05,0.1', { path: 'model.gbt.learningRate', values: [0.05, 0.1] }],
    ['model.algorithm=gbt,forest', { path: 'model.algorithm', values: ['gbt', 'forest'] }],
    ['a.b=true', { path: 'a.b', values: [true] }],
  ])('parses --set %s', (text, axis) => {
    expect(parseSet(text)).toEqual(axis);
  });

  it.each(['nope', '=1', 'a='])('refuses --set %s', (text) => {
    expect(() => parseSet(text)).toThrow(/expected key=value/);
  });

  it('expands the cartesian product', () => {
    expect(expandGrid([parseSet('a=1,2'), parseSet('b=x,y')])).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' },
    ]);
  });

  it('sets existing paths only', () => {
    const p = { model: { gbt: { maxDepth: 8 } } };
    setPath(p, 'model.gbt.maxDepth', 6);
    expect(p.model.gbt.maxDepth).toBe(6);
    expect(() => setPath(p, 'model.gtb.maxDepth', 6)).toThrow(/no "model.gtb"/);
  });
});
