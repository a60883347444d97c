import { rmSync } from 'node:fs';

/**
 * Vitest global setup of every project (see `projectTestConfig`): at teardown, removes the run's
 * temporary folder, with whatever the tests and the processes they started left in it. Only the
 * process that made the folder removes it: a vitest run started by a test shares its parent's
 * folder, which must outlive it.
 */
export default function setup(): () => void {
  return () => {
    const root = process.env['CD4ML_TEST_TMPDIR'];
    if (root?.includes('cd4ml-test-run-') && process.env['CD4ML_TEST_TMPDIR_OWNER'] === String(process.pid)) rmSync(root, { recursive: true, force: true });
  };
}
