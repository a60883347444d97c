import type { TestContext } from 'vitest';

/** One row of the reliability table: what was done to the system, what it guarantees, what this run saw. */
export interface ProbeRow {
  probe: string;
  expected: string;
  observed: string;
}

declare module 'vitest' {
  interface TaskMeta {
    probe?: ProbeRow;
  }
}

/** Puts this test's row in the table that `probe-table-reporter.ts` prints at the end of the run. */
export function report(context: TestContext, row: ProbeRow): void {
  context.task.meta.probe = row;
}
