import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkContractSnapshot, shapeDrift, snapshotPath, tableShape } from './table-shape.ts';

const rentals = z.object({ date: z.iso.date(), station: z.number().int(), rentals: z.number().nonnegative(), temperature: z.number().nullable() });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-contract-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('table contracts', () => {
  it('derives the columns and their JSON-schema types from a zod object', () => {
    expect(tableShape('rentals', 1, rentals).columns).toEqual([
      { column: 'date', type: 'string (date)' },
      { column: 'station', type: 'integer' },
      { column: 'rentals', type: 'number' },
      { column: 'temperature', type: 'number | null' },
    ]);
  });

  it('catches an added, a removed, a retyped and a moved column', () => {
    const before = tableShape('rentals', 1, rentals);
    const after = tableShape('rentals', 1, rentals.omit({ station: true }).extend({ temperature: z.number(), humidity: z.number() }));
    expect(shapeDrift(before, after)).toEqual([
      'column rentals moved from position 3 to 2',
      'column temperature changed type from number | null to number',
      'column humidity (number) added',
      'column station (integer) removed',
    ]);
  });

  it('records a new version only when asked, then holds the contract to it', async () => {
    const shape = tableShape('rentals', 1, rentals);
    await expect(checkContractSnapshot(dir, shape)).rejects.toMatchObject({ code: 'FILE_MISSING' });
    expect(await checkContractSnapshot(dir, shape, { record: true })).toEqual({ path: snapshotPath(dir, shape), recorded: true, drift: [] });
    expect((await checkContractSnapshot(dir, tableShape('rentals', 1, rentals.omit({ temperature: true })))).drift).toEqual(['column temperature (number | null) removed']);
  });

  it('names the field of a damaged snapshot', async () => {
    const shape = tableShape('rentals', 1, rentals);
    await writeFile(snapshotPath(dir, shape), JSON.stringify({ name: 'rentals', version: 1, columns: [{ column: 'date' }] }));
    await expect(checkContractSnapshot(dir, shape)).rejects.toThrow(/rentals\.v1\.json is not a valid contract snapshot:[\s\S]*→ at columns\[0\]\.type/);
  });
});
