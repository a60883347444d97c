// Plain JavaScript (typed by index.d.ts): vitest loads its config files with Node's own loader,
// which cannot read TypeScript from a workspace package on Node 20.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const teardown = fileURLToPath(new URL('./tmp-sandbox.ts', import.meta.url));

/**
 * The vitest configuration every project of the layout shares: tests beside the code
 * (`src/**\/*.test.ts`), generous timeouts for tests that run real CLIs, and a temporary-folder
 * sandbox. A project passes only what is its own.
 *
 * The sandbox: every temporary folder of the run (the tests', and those of the CLIs and servers
 * they start) goes into one folder, removed at teardown, so a test that forgets to clean up or is
 * killed midway leaves nothing in the system temp directory. `os.tmpdir()` reads TMPDIR on every
 * call; it is set here, in the main process, and passed to the workers, which vitest starts with
 * the environment it had when the config was read.
 *
 * @param {import('vitest/node').TestUserConfig} [own]
 * @returns {import('vitest/config').ViteUserConfig}
 * @example export default projectTestConfig({ globalSetup: ['src/test-support/global-setup.ts'] })
 */
export function projectTestConfig(own = {}) {
  // Only a test run gets a sandbox: tools that merely read the config (knip, editors) must not make one.
  const testing = process.argv.some((a) => /vitest/.test(a));
  // A vitest started by a test (a nested run) inherits the sandbox and must not own it: only the
  // process that made it removes it (see tmp-sandbox.ts).
  let root = process.env['CD4ML_TEST_TMPDIR'];
  if (!root && testing) {
    root = mkdtempSync(join(tmpdir(), 'cd4ml-test-run-'));
    process.env['CD4ML_TEST_TMPDIR'] = root;
    process.env['CD4ML_TEST_TMPDIR_OWNER'] = String(process.pid);
  }
  if (root) process.env['TMPDIR'] = root;
  const extra = own.globalSetup === undefined ? [] : Array.isArray(own.globalSetup) ? own.globalSetup : [own.globalSetup];
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      ...own,
      env: { ...own.env, ...(root ? { TMPDIR: root } : {}) },
      globalSetup: [teardown, ...extra],
    },
  });
}
