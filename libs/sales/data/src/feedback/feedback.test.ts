import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFeedback, collectFeedback, FEEDBACK_FILE, readFeedback } from '@cd4ml/monitoring';
import { runCli } from '../_run-cli.ts';
import { tempDirs } from '../_temp-dirs.ts';
import { feedback, FEEDBACK_COLUMNS } from './feedback.ts';

const tempDir = tempDirs('cd4ml-feedback-');

/** A prediction log line as the app writes it; the forecasts are odd numbers no actual has. */
const logged = (date: string, item: number, forecast: number, promo = false) =>
  JSON.stringify({ level: 30, time: `${date}T06:00:00.000Z`, service: 'sales-web', requestId: `r-${date}-${item}`, modelVersion: 'm1', input: { date, item_nbr: item, store_nbr: 44, onpromotion: promo }, features: [1, 2], output: { unit_sales: forecast } });
const posted = (date: string, item: number, units: number) => JSON.stringify({ date, item_nbr: item, store_nbr: 44, unit_sales: units, receivedAt: `${date}T23:00:00.000Z`, requestId: 'a', modelVersion: 'm1' });

async function productionFiles(dir: string) {
  const predictions = join(dir, 'predictions.jsonl');
  const actuals = join(dir, 'actuals.jsonl');
  await writeFile(predictions, [logged('2017-08-16', 99197, 777.77, true), logged('2017-08-16', 105574, 555.55), logged('2017-08-17', 99197, 666.66)].join('\n') + '\n');
  // 105574 posted twice: the correction (9) wins. An actual no forecast was made for is left out. A torn last line is skipped.
  await writeFile(actuals, [posted('2017-08-16', 99197, 12), posted('2017-08-16', 105574, 4), posted('2017-08-17', 99197, 7), posted('2017-08-16', 105574, 9), posted('2017-08-18', 1963838, 3), '{"date":"2017-08-1'].join('\n'));
  return { predictions, actuals };
}

/** What sales-web:feedback does (the platform's join, with the sales definition); returns what it saw. */
async function feedBack(files: { predictions: string; actuals?: string; actualsCsv?: string }, out: string) {
  const found = await collectFeedback(feedback, { predictions: [files.predictions], actuals: files.actuals ? [files.actuals] : [], actualsCsv: files.actualsCsv ? [files.actualsCsv] : [] });
  return { found, written: await addFeedback(out, found.outcomes, feedback, { joined: found.outcomes.length }) };
}

describe('the feedback loop (sales-web:feedback, with the sales definition)', () => {
  it('keeps outcomes only: the actuals joined by date, store and item, never a forecast; duplicates follow the latest', async () => {
    const dir = await tempDir();
    const files = await productionFiles(dir);
    const out = join(dir, 'feedback/default.manifest.json');
    const { found } = await feedBack(files, out);
    expect(found.skipped).toEqual([expect.objectContaining({ file: files.actuals, line: 6 })]);
    expect(found).toMatchObject({ actuals: 4, unforecast: 1 }); // 5 posts, 4 keys
    expect(found.outcomes).toHaveLength(3);
    const csv = await readFile(join(dir, 'feedback/default', FEEDBACK_FILE), 'utf8');
    expect(csv).toBe(`${FEEDBACK_COLUMNS.join(',')}\n2017-08-16,44,99197,12,True\n2017-08-16,44,105574,9,False\n2017-08-17,44,99197,7,False\n`);
    for (const forecast of ['777.77', '555.55', '666.66']) expect(csv).not.toContain(forecast);
    expect((await readFeedback(out, feedback))?.manifest.source).toMatchObject({ kind: 'feedback', from: '2017-08-16', to: '2017-08-17' });
  }, 30_000);

  it('adds to the snapshot run after run, a later actual replacing an earlier one', async () => {
    const dir = await tempDir();
    const files = await productionFiles(dir);
    const out = join(dir, 'feedback/default.manifest.json');
    await feedBack(files, out);
    const correction = join(dir, 'correction.csv');
    await writeFile(correction, 'date,store_nbr,item_nbr,unit_sales\n2017-08-17,44,99197,8\n');
    const { written } = await feedBack({ predictions: files.predictions, actualsCsv: correction }, out);
    expect(written).toMatchObject({ added: 0, replaced: 1, rows: 3 });
    expect((await readFeedback(out, feedback))!.rows.find((x) => x.date === '2017-08-17')?.unit_sales).toBe(8);
  }, 30_000);

  it('refuses a damaged snapshot, naming the file; a hand-edited row, naming the line and the field', async () => {
    const dir = await tempDir();
    const files = await productionFiles(dir);
    const out = join(dir, 'feedback/default.manifest.json');
    await feedBack(files, out);
    const csvPath = join(dir, 'feedback/default', FEEDBACK_FILE);
    await writeFile(csvPath, (await readFile(csvPath, 'utf8')).replace(',12,', ',twelve,'));
    const r = await runCli('generate/cli.ts', ['--out', join(dir, 'raw'), '--items', '10', '--start', '2017-07-01', '--feedback', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/actuals\.csv: content changed/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('becomes raw data: generate folds the outcomes in, in date order, and ingest takes them into the tables', async () => {
    const dir = await tempDir();
    const files = await productionFiles(dir);
    const out = join(dir, 'feedback/default.manifest.json');
    await feedBack(files, out);
    const plain = await runCli('generate/cli.ts', ['--out', join(dir, 'plain'), '--items', '10', '--start', '2017-05-01']);
    const fed = await runCli('generate/cli.ts', ['--out', join(dir, 'raw'), '--items', '10', '--start', '2017-05-01', '--feedback', out]);
    expect(fed.stdout).toMatch(/with 3 outcomes fed back/);
    const rawManifest = JSON.parse(await readFile(join(dir, 'raw/manifest.json'), 'utf8')) as { source: { feedback?: { rows: number } } };
    expect(rawManifest.source.feedback?.rows).toBe(3);
    const before = (await readFile(join(dir, 'plain/train.csv'), 'utf8')).trimEnd().split('\n');
    const after = (await readFile(join(dir, 'raw/train.csv'), 'utf8')).trimEnd().split('\n');
    expect(after.slice(0, before.length)).toEqual(before); // the synthetic rows do not change
    expect(after.slice(before.length)).toEqual([`${before.length - 1},2017-08-16,44,99197,12,True`, `${before.length},2017-08-16,44,105574,9,False`, `${before.length + 1},2017-08-17,44,99197,7,False`]);
    expect(plain.code + fed.code).toBe(0);
    await runCli('ingest/cli.ts', ['--raw', join(dir, 'raw'), '--out', join(dir, 'processed'), '--validation-days', '7']);
    const valid = await readFile(join(dir, 'processed/valid.csv'), 'utf8');
    expect(valid).toMatch(/2017-08-17/);
  }, 60_000);
});
