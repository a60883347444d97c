import { describe, expect, it } from 'vitest';
import { formatTargetRef, parseTargetRef, qualifiedRefSchema, targetRefSchema } from './target-ref.ts';

describe('target references', () => {
  it.each([
    ['sales-model:gate', undefined, { project: 'sales-model', stage: 'gate' }],
    ['@acme/rentals-web:monitor-exporter', undefined, { project: '@acme/rentals-web', stage: 'monitor-exporter' }],
    ['contract', 'web', { project: 'web', stage: 'contract' }],
    ['other:smoke', 'web', { project: 'other', stage: 'smoke' }],
  ])('parses %s (owner %s) once, into project and stage', (ref, owner, expected) => {
    expect(parseTargetRef(ref, owner)).toEqual(expected);
    expect(formatTargetRef(parseTargetRef(ref, owner))).toBe(ref.includes(':') ? ref : `${owner}:${ref}`);
  });

  it.each([['Gate'], ['a:b:c'], [''], ['x:'], [':gate']])('refuses %j in a file', (ref) => {
    expect(targetRefSchema.safeParse(ref).success).toBe(false);
    expect(() => parseTargetRef(ref, 'owner')).toThrow(RangeError);
  });

  it('needs the project named where no owner is implied (pipeline.json, release.model)', () => {
    expect(qualifiedRefSchema.safeParse('gate').success).toBe(false);
    expect(() => parseTargetRef('gate')).toThrow(/not a target reference/);
  });
});
