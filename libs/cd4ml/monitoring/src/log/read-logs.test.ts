import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toyKeys } from '../test-support/toy-traffic.ts';
import { readActuals } from './actuals.ts';
import { joinActuals } from './join-actuals.ts';
import { readPredictions } from './prediction-log.ts';
import { rotatedLogFiles } from './read-json-lines.ts';

let dir: string;
const line = (o: { date: string; station: number; rentals: number; time?: string; version?: string }) =>
  JSON.stringify({ level: 30, time: o.time ?? '2020-07-01T10:00:00.000Z', service: 'toy', modelVersion: o.version ?? 'v1', input: { date: o.date, station: o.station }, features: [1, 2], output: { rentals: o.rentals } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'monitor-logs-'));
});

describe('readPredictions', () => {
  it('reads rotated files oldest first, and skips and reports a torn last line and lines that are not predictions', async () => {
    const log = join(dir, 'predictions.jsonl');
    await writeFile(`${log}.2`, `${line({ date: '2020-07-01', station: 1, rentals: 1 })}\n`);
    await writeFile(`${log}.1`, `${line({ date: '2020-07-02', station: 1, rentals: 2 })}\nsales-web listening on http://localhost:3000\n{"time":"2020-07-02T00:00:00.000Z","modelVersion":"v1","input":{"date":"2020-07-02"},"features":[],"output":{"rentals":1}}\n`);
    await writeFile(log, `${line({ date: '2020-07-03', station: 1, rentals: 3 })}\n${line({ date: '2020-07-03', station: 2, rentals: 4 }).slice(0, 40)}`);
    expect(await rotatedLogFiles(log)).toEqual([`${log}.2`, `${log}.1`, log]);
    const { predictions, skipped } = await readPredictions([log], toyKeys);
    expect(predictions.map((p) => p.value)).toEqual([1, 2, 3]);
    expect(predictions[0]).toMatchObject({ day: '2020-07-01', key: '2020-07-01/1', modelVersion: 'v1' });
    expect(skipped.map((s) => [s.file.slice(dir.length + 1), s.line, s.reason.slice(0, 24)])).toEqual([
      ['predictions.jsonl.1', 2, 'not JSON'],
      ['predictions.jsonl.1', 3, 'input.station is missing'],
      ['predictions.jsonl', 2, 'torn last line (40 bytes'],
    ]);
  });

  it('reads nothing, without failing, from a log that does not exist yet', async () => {
    expect(await readPredictions([join(dir, 'none.jsonl')], toyKeys)).toEqual({ predictions: [], skipped: [], files: [] });
  });
});

describe('readActuals', () => {
  it('keeps one actual per key, the latest (JSON lines, then CSV files), and reports malformed lines', async () => {
    const posted = join(dir, 'actuals.jsonl');
    await writeFile(posted, ['{"date":"2020-07-01","station":1,"rentals":5}', '{"date":"2020-07-01","station":1,"rentals":6}', '{"date":"July 1st","station":2,"rentals":1}', ''].join('\n'));
    const csv = join(dir, 'dropped.csv');
    await writeFile(csv, '\uFEFFdate,station,rentals\n2020-07-01,1,7\n2020-07-02,2,8\n2020-07-03,2\n');
    const r = await readActuals([posted], [csv], toyKeys);
    expect(r.actuals.map((a) => [a.key, a.value])).toEqual([
      ['2020-07-01/1', 7],
      ['2020-07-02/2', 8],
    ]);
    expect(r.replaced).toBe(2);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4]);
  });

  it('reads nothing from a CSV whose header lacks a key field, and says which', async () => {
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'date,rentals\n2020-07-01,3\n');
    const r = await readActuals([], [csv], toyKeys);
    expect(r.actuals).toEqual([]);
    expect(r.skipped[0]?.reason).toMatch(/header lacks station/);
  });
});

describe('joinActuals', () => {
  it('joins each actual with the latest forecast of its key, and counts actuals nobody forecast', async () => {
    const log = join(dir, 'join.jsonl');
    await writeFile(log, [line({ date: '2020-07-05', station: 1, rentals: 10, time: '2020-07-04T08:00:00.000Z', version: 'old' }), line({ date: '2020-07-05', station: 1, rentals: 12, time: '2020-07-04T09:00:00.000Z', version: 'new' }), ''].join('\n'));
    const { predictions } = await readPredictions([log], toyKeys);
    const actual = (station: number) => ({ key: `2020-07-05/${station}`, day: '2020-07-05', value: 11, record: {} });
    const { rows, unforecast } = joinActuals(predictions, [actual(1), actual(2)]);
    expect(rows).toEqual([expect.objectContaining({ key: '2020-07-05/1', predicted: 12, actual: 11, modelVersion: 'new' })]);
    expect(unforecast.map((a) => a.key)).toEqual(['2020-07-05/2']);
  });
});
