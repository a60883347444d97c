import { join } from 'node:path';
import { checkContractSnapshot, tableShape } from '@cd4ml/data';
import { describe, expect, it } from 'vitest';
import { salesRowSchema, salesTableVersion } from './sales-table.ts';

const contracts = join(import.meta.dirname, 'contracts');
const current = tableShape('sales-table', salesTableVersion, salesRowSchema);

describe('sales table contract', () => {
  it('matches the committed snapshot of its version: a shape change needs a version bump', async () => {
    // Recording is explicit: after a deliberate version bump, run this test once with UPDATE_CONTRACT=1, and commit the file.
    const { path, drift } = await checkContractSnapshot(contracts, current, { record: process.env['UPDATE_CONTRACT'] === '1' });
    expect(drift, `the sales table changed without a version bump (${drift.join('; ')}). Bump salesTableVersion in sales-table.ts, then record ${path} with UPDATE_CONTRACT=1.`).toEqual([]);
  });

  it('would catch a change of the sales table: a column removed and another retyped', async () => {
    const changed = tableShape('sales-table', salesTableVersion, salesRowSchema.omit({ cluster: true }).extend({ transactions: salesRowSchema.shape.transactions.unwrap() }));
    expect((await checkContractSnapshot(contracts, changed)).drift).toEqual(['column transactions changed type from integer | null to integer', 'column holiday moved from position 14 to 13', 'column dayoff moved from position 15 to 14', 'column cluster (integer) removed']);
  });
});
