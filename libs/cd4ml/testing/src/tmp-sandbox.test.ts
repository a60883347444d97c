import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import setup from './tmp-sandbox.ts';

describe('the temporary-folder sandbox', () => {
  it('is where this test worker makes its temporary folders', () => {
    expect(basename(dirname(mkdtempSync(join(tmpdir(), 'probe-'))))).toMatch(/^cd4ml-test-run-/);
  });

  it('removes the run folder, with everything in it, at teardown', () => {
    const saved = process.env['CD4ML_TEST_TMPDIR'];
    const root = mkdtempSync(join(tmpdir(), 'cd4ml-test-run-'));
    mkdtempSync(join(root, 'left-behind-'));
    process.env['CD4ML_TEST_TMPDIR'] = root;
    try {
      setup()();
      expect(existsSync(root)).toBe(false);
    } finally {
      process.env['CD4ML_TEST_TMPDIR'] = saved;
    }
  });
});
