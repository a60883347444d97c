import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { salesRowSchema, salesTableVersion } from './sales-table.ts';
import { shapeDrift, tableShape, type TableShape } from '@cd4ml/data';

const snapshotPath = (version: number) => join(import.meta.dirname, 'contracts', `sales-table.v${version}.json`);
const current = tableShape('sales-table', salesTableVersion, salesRowSchema);

describe('sales table contract', () => {
  it('has a committed snapshot for the current version', () => {
    const path = snapshotPath(salesTableVersion);
    // Recording is explicit: after a deliberate version bump, run the test once with UPDATE_CONTRACT=1.
    if (!existsSync(path) && process.env['UPDATE_CONTRACT'] === '1') writeFileSync(path, `${JSON.stringify(current, null, 2)}\n`);
    expect(existsSync(path), `no snapshot ${path} for sales table v${salesTableVersion}: run this test with UPDATE_CONTRACT=1 once, and commit the file`).toBe(true);
  });

  it('matches the snapshot of its version: a shape change needs a version bump', () => {
    const snapshot = JSON.parse(readFileSync(snapshotPath(salesTableVersion), 'utf8')) as TableShape;
    const drift = shapeDrift(snapshot, current);
    expect(drift, `the sales table changed without a version bump (${drift.join('; ')}). Bump salesTableVersion in sales-table.ts, then record its snapshot with UPDATE_CONTRACT=1.`).toEqual([]);
  });

  it('catches an added, a removed, a retyped and a moved column', () => {
    const snapshot = JSON.parse(readFileSync(snapshotPath(salesTableVersion), 'utf8')) as TableShape;
    const changed = salesRowSchema.omit({ cluster: true }).extend({ transactions: salesRowSchema.shape.transactions.unwrap(), weather: salesRowSchema.shape.family });
    expect(shapeDrift(snapshot, tableShape('sales-table', salesTableVersion, changed))).toEqual([
      'column transactions changed type from integer | null to integer',
      'column holiday moved from position 14 to 13',
      'column dayoff moved from position 15 to 14',
      'column weather (string) added',
      'column cluster (integer) removed',
    ]);
  });
});
