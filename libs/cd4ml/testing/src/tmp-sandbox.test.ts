import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import setup from './tmp-sandbox.ts';

describe('the temporary-folder sandbox', () => {
  it('is where this test worker makes its temporary folders', () => {
    expect(basename(dirname(mkdtempSync(join(tmpdir(), 'probe-'))))).toMatch(/^cd4ml-test-run-/);
  });

  it('removes the run folder, with everything in it, at teardown, only in the process that made it', () => {
    const saved = { dir: process.env['CD4ML_TEST_TMPDIR'], owner: process.env['CD4ML_TEST_TMPDIR_OWNER'] };
    const root = mkdtempSync(join(tmpdir(), 'cd4ml-test-run-'));
    mkdtempSync(join(root, 'left-behind-'));
    process.env['CD4ML_TEST_TMPDIR'] = root;
    try {
      process.env['CD4ML_TEST_TMPDIR_OWNER'] = String(process.pid + 1); // a nested run: the folder is its parent's
      setup()();
      expect(existsSync(root)).toBe(true);
      process.env['CD4ML_TEST_TMPDIR_OWNER'] = String(process.pid);
      setup()();
      expect(existsSync(root)).toBe(false);
    } finally {
      for (const [key, value] of [['CD4ML_TEST_TMPDIR', saved.dir], ['CD4ML_TEST_TMPDIR_OWNER', saved.owner]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
