import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayType, season } from '../rental-calendar.ts';
import { readRentalTable } from '../read-rental-table.ts';
import { generateRentals, RAW_FILE } from './generate-rentals.ts';

const generate = async (seed: number) => {
  const outDir = join(await mkdtemp(join(tmpdir(), 'rentals-')), 'raw');
  const manifest = await generateRentals({ outDir, seed, start: '2023-01-01', days: 731 });
  return { manifest, bytes: await readFile(join(outDir, RAW_FILE)), rows: await readRentalTable(join(outDir, RAW_FILE)) };
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generateRentals', () => {
  it('is reproducible: the same seed gives the same bytes and data version, another seed other data', async () => {
    const [a, b, c] = await Promise.all([generate(7), generate(7), generate(8)]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.manifest.dataVersion).toBe(b.manifest.dataVersion);
    expect(c.manifest.dataVersion).not.toBe(a.manifest.dataVersion);
    expect(a.rows).toHaveLength(731 * 5);
  });

  it('has the weather and calendar effects a model should learn, and passes its own data tests', async () => {
    const { rows } = await generate(7);
    const rentals = (keep: (r: (typeof rows)[number]) => boolean) => mean(rows.filter(keep).map((r) => r.rentals));
    expect(rentals((r) => r.precipitation > 5)).toBeLessThan(0.8 * rentals((r) => r.precipitation === 0));
    expect(rentals((r) => season(r.date) === 'summer')).toBeGreaterThan(1.5 * rentals((r) => season(r.date) === 'winter'));
    expect(rentals((r) => r.station === 'campus' && dayType(r.date) !== 'weekday')).toBeLessThan(0.6 * rentals((r) => r.station === 'campus' && dayType(r.date) === 'weekday'));
  });
});
