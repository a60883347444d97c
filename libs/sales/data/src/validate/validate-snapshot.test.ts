import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, readManifest, writeManifest } from '@cd4ml/data';
import { rawFileNames } from '@cd4ml/sales-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../_temp-dirs.ts';
import { generateSnapshot } from '../generate/generate-snapshot.ts';
import { ingest } from '../ingest/ingest.ts';
import { validateSnapshot, type ValidationCheck } from './validate-snapshot.ts';
import { validationReportHtml } from './validation-report.ts';

const tempDir = tempDirs('cd4ml-val-');
const small = { items: 12, start: '2017-05-01', end: '2017-07-31', blankPromotionDays: 0 };
let good: string;
let baseline: string;
let processed: string;

/** A fresh copy of the good snapshot with `train.csv` edited; the manifest is re-recorded unless `keepManifest`. */
async function broken(edit: (train: string) => string, keepManifest = false): Promise<string> {
  const dir = join(await tempDir(), 'raw');
  await generateSnapshot(dir, small);
  await writeFile(join(dir, 'train.csv'), edit(await readFile(join(dir, 'train.csv'), 'utf8')));
  if (!keepManifest) await writeManifest(join(dir, 'manifest.json'), await buildManifest(dir, rawFileNames));
  return dir;
}
const lines = (text: string) => text.trimEnd().split('\n');
const replaceLine = (n: number, change: (fields: string[]) => string[]) => (text: string) => {
  const all = lines(text);
  all[n] = change(all[n]!.split(',')).join(',');
  return `${all.join('\n')}\n`;
};

beforeAll(async () => {
  const root = await tempDir();
  good = join(root, 'raw');
  processed = join(root, 'processed');
  baseline = join(root, 'baseline.manifest.json');
  await generateSnapshot(good, small);
  await ingest(good, processed, { validationDays: 14 });
  const first = await validateSnapshot(good, { processedDir: processed });
  await writeManifest(baseline, { ...(await readManifest(join(good, 'manifest.json'))), profile: { ...first.profile } });
});

const failing = (r: Awaited<ReturnType<typeof validateSnapshot>>) => r.checks.filter((c) => c.status === 'fail').map((c) => c.check);

describe('validateSnapshot', () => {
  it('passes every check on good data against its own baseline, and writes a report with plots', async () => {
    const r = await validateSnapshot(good, { baseline, processedDir: processed, asOf: '2017-08-01' });
    expect(failing(r)).toEqual([]);
    expect(r.checks.map((c) => c.status)).not.toContain('skip');
    const html = validationReportHtml(r);
    expect(html).toContain('<svg');
    expect(html).toContain('All checks pass');
  });

  it.each<[string, (t: string) => string, ValidationCheck, RegExp]>([
    ['a missing column', (t) => t.replace('unit_sales,onpromotion', 'unit_sales'), 'schema', /train\.csv: missing column\(s\) onpromotion/],
    ['a bad date', replaceLine(5, (f) => [f[0]!, '2017-02-30', ...f.slice(2)]), 'types', /line 6: date "2017-02-30" is not a calendar date/],
    ['an unknown item', replaceLine(3, (f) => [...f.slice(0, 3), '424242', ...f.slice(4)]), 'references', /line 4: item_nbr 424242 is not in items\.csv/],
    ['a duplicate key', (t) => `${t}${lines(t).at(-1)}\n`, 'keys', /duplicate id/],
    ['a blank value', replaceLine(2, (f) => [...f.slice(0, 4), '', f[5]!]), 'nulls', /line 3: unit_sales is blank/],
    ['an impossible quantity', replaceLine(2, (f) => [...f.slice(0, 4), '250000', f[5]!]), 'ranges', /unit_sales 250000 is beyond/],
  ])('fails the right check on %s, naming the line', async (_, edit, check, detail) => {
    const r = await validateSnapshot(await broken(edit), { baseline });
    expect(r.ok).toBe(false);
    expect(failing(r)).toContain(check);
    expect(r.checks.find((c) => c.check === check)!.details.join('\n')).toMatch(detail);
  });

  it('fails integrity and volume on a truncated file', async () => {
    const dir = await broken((t) => t.slice(0, Math.floor(t.length / 2)), true);
    const r = await validateSnapshot(dir, { baseline });
    expect(failing(r)).toEqual(expect.arrayContaining(['integrity', 'volume']));
    expect(r.checks.find((c) => c.check === 'integrity')!.details.join()).toMatch(/train\.csv: content changed/);
  });

  it('fails freshness when the data goes back in time or is too old', async () => {
    const dir = await broken((t) => `${lines(t).filter((l) => !l.includes(',2017-07-')).join('\n')}\n`);
    const r = await validateSnapshot(dir, { baseline, asOf: '2017-09-30', rules: { volumeTolerance: 1 } });
    expect(failing(r)).toEqual(['freshness']);
    expect(r.checks.find((c) => c.check === 'freshness')!.details.join('\n')).toMatch(/older than the previous snapshot's 2017-07-31[\s\S]*days before 2017-09-30/);
  });

  it('fails distribution when sales shift', async () => {
    const dir = await broken((t) => lines(t).map((l, i) => (i === 0 ? l : l.replace(/^([^,]*,[^,]*,[^,]*,[^,]*),([^,]*)/, (_, head, units) => `${head},${Number(units) * 20}`))).join('\n'));
    const r = await validateSnapshot(dir, { baseline });
    expect(failing(r)).toEqual(['distribution']);
    expect(r.checks.find((c) => c.check === 'distribution')!.details.join()).toMatch(/log1p\(unit_sales\) PSI [\d.]+ > 0\.2/);
  });

  it('fails the contract when the processed table has another shape', async () => {
    const copy = join(await tempDir(), 'processed');
    await ingest(good, copy, { validationDays: 14 });
    await writeFile(join(copy, 'valid.csv'), (await readFile(join(copy, 'valid.csv'), 'utf8')).replace(',dayoff', ',day_off'));
    const r = await validateSnapshot(good, { baseline, processedDir: copy });
    expect(failing(r)).toEqual(['contract']);
  });

  it('names the line and the field of a processed row that breaks the contract, and a processed table that is missing', async () => {
    const copy = join(await tempDir(), 'processed');
    await ingest(good, copy, { validationDays: 14 });
    const text = await readFile(join(copy, 'valid.csv'), 'utf8');
    await writeFile(join(copy, 'valid.csv'), text.replace(/\n([^,]*),([^,]*),([^,]*),([^,]*),/, '\n$1,$2,$3,many,'));
    await rm(join(copy, 'train.csv'));
    const details = (await validateSnapshot(good, { baseline, processedDir: copy })).checks.find((c) => c.check === 'contract')!.details.join('\n');
    expect(details).toContain(`${join(copy, 'train.csv')} does not exist. Run ingest first.`);
    expect(details).toMatch(/valid\.csv line 2:\n✖ .*\n {2}→ at unit_sales/);
  });

  it('skips the snapshot comparisons, and says how to fix it, when there is no baseline', async () => {
    const r = await validateSnapshot(good, {});
    expect(r.checks.find((c) => c.check === 'volume')).toMatchObject({ status: 'skip', summary: expect.stringMatching(/--record-baseline/) });
    expect(r.ok).toBe(true);
  });

  it('reads a header that starts with a byte-order mark', async () => {
    const r = await validateSnapshot(await broken((t) => `\uFEFF${t}`), { baseline });
    expect(failing(r)).toEqual([]);
  });

  it('tells a file that cannot be read from a missing one', async () => {
    const dir = await broken((t) => t);
    await rm(join(dir, 'items.csv'));
    await mkdir(join(dir, 'items.csv'));
    const r = await validateSnapshot(dir, { baseline });
    expect(r.checks.find((c) => c.check === 'schema')!.details.join('\n')).toContain(`${join(dir, 'items.csv')} is a directory, not a file.`);
  });

  it.each<[string, (manifest: Record<string, unknown>) => unknown, RegExp]>([
    ['a profile with a wrong field', (m) => ({ ...m, profile: { ...(m['profile'] as object), rows: 'many' } }), /baseline\.manifest\.json is not a valid baseline manifest:[\s\S]*expected number[\s\S]*→ at profile\.rows/],
    ['a manifest with a wrong field', (m) => ({ ...m, dataVersion: 42 }), /baseline\.manifest\.json is not a valid baseline manifest:[\s\S]*→ at dataVersion/],
  ])('refuses a corrupt baseline (%s), naming the file and the field, instead of skipping it', async (_, corrupt, message) => {
    const path = join(await tempDir(), 'baseline.manifest.json');
    await writeFile(path, JSON.stringify(corrupt(JSON.parse(await readFile(baseline, 'utf8')) as Record<string, unknown>)));
    await expect(validateSnapshot(good, { baseline: path })).rejects.toThrow(message);
  });

  it('refuses a baseline that is not JSON, naming the file', async () => {
    const path = join(await tempDir(), 'baseline.manifest.json');
    await writeFile(path, '{"manifestVersion": 1,');
    await expect(validateSnapshot(good, { baseline: path })).rejects.toThrow(`${path} is not valid JSON`);
  });
});
