import { rmSync } from 'node:fs';

/**
 * Vitest global setup of every project (see `projectTestConfig`): at teardown, removes the run's
 * temporary folder, with whatever the tests and the processes they started left in it.
 */
export default function setup(): () => void {
  return () => {
    const root = process.env['CD4ML_TEST_TMPDIR'];
    if (root?.includes('cd4ml-test-run-')) rmSync(root, { recursive: true, force: true });
  };
}
