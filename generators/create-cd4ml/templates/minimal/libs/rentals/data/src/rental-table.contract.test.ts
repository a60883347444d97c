import { join } from 'node:path';
import { checkContractSnapshot } from '@cd4ml/data';
import { describe, expect, it } from 'vitest';
import { rentalContract } from './rental-table.ts';

describe('the rentals table contract', () => {
  it('matches the committed snapshot of its version: a shape change needs a version bump', async () => {
    // After a deliberate bump, record the new snapshot once with UPDATE_CONTRACT=1 and commit it.
    const { path, drift } = await checkContractSnapshot(join(import.meta.dirname, 'contracts'), rentalContract, { record: process.env['UPDATE_CONTRACT'] === '1' });
    expect(drift, `the rentals table changed without a version bump: bump it in rental-table.ts, then record ${path}`).toEqual([]);
  });
});
