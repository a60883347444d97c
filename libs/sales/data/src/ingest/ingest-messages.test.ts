import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, writeManifest } from '@cd4ml/data';
import { rawFileNames } from '@cd4ml/sales-schema';
import { describe, expect, it } from 'vitest';
import { base, rawFixtures } from './_raw-fixture.ts';
import { ingest } from './ingest.ts';

const fixture = rawFixtures();
const quarantineLines = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n').slice(1);
const exists = (path: string) => stat(path).then(() => true, () => false);

describe('ingest: clear messages', () => {
  it('strips a byte-order mark from a CSV header', async () => {
    const { raw, out } = await fixture({ 'train.csv': `\uFEFF${base['train.csv']}`, 'items.csv': `\uFEFF${base['items.csv']}` });
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.rows).toMatchObject({ in: 10, train: 3, valid: 1, quarantined: 5 });
  });

  it('names the data CLI command that records a manifest for a folder of files', async () => {
    const { raw, out } = await fixture();
    await rm(join(raw, 'manifest.json'));
    await expect(ingest(raw, out)).rejects.toThrow(`npx tsx libs/cd4ml/data/src/cli.ts record ${raw}`);
  });

  it('tells a file that cannot be read from a missing one', async () => {
    const { raw, out } = await fixture();
    await rm(join(raw, 'items.csv'));
    await mkdir(join(raw, 'items.csv'));
    await expect(ingest(raw, out)).rejects.toThrow(`${join(raw, 'items.csv')} is a directory, not a file.`);
  });

  it('keeps the quarantine where the message points when every row is quarantined, and no older one', async () => {
    const bad = (n: number) => ['id,date,store_nbr,item_nbr,unit_sales,onpromotion', ...Array.from({ length: n }, (_, i) => `${i},2017-08-11,44,999,1,False`)].join('\n');
    const { raw, out } = await fixture();
    await ingest(raw, out, { validationDays: 1 });
    const rejected = `${out}.rejected`;
    for (const rows of [3, 2]) {
      await writeFile(join(raw, 'train.csv'), bad(rows));
      await writeManifest(join(raw, 'manifest.json'), await buildManifest(raw, rawFileNames));
      await expect(ingest(raw, out, { validationDays: 1 })).rejects.toThrow(`see ${join(rejected, 'quarantine.csv')} for the ${rows} quarantined rows`);
      expect(await quarantineLines(join(rejected, 'quarantine.csv'))).toHaveLength(rows);
      // The previous good output stays whole.
      expect(await quarantineLines(join(out, 'quarantine.csv'))).toHaveLength(5);
    }
    // A later failure that never reaches the rows leaves no older quarantine beside it ...
    await rm(join(raw, 'manifest.json'));
    await expect(ingest(raw, out)).rejects.toThrow(/record/);
    expect(await exists(rejected)).toBe(false);
    // ... and a pass removes it too.
    await writeFile(join(raw, 'train.csv'), bad(1));
    await writeManifest(join(raw, 'manifest.json'), await buildManifest(raw, rawFileNames));
    await expect(ingest(raw, out)).rejects.toThrow(/no rows left/);
    await writeFile(join(raw, 'train.csv'), base['train.csv']);
    await writeManifest(join(raw, 'manifest.json'), await buildManifest(raw, rawFileNames));
    await ingest(raw, out, { validationDays: 1 });
    expect(await exists(rejected)).toBe(false);
  });
});
