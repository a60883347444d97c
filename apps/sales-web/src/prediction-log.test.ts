import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { PredictionLog, type PredictionRecord } from './prediction-log.ts';

const forecast = (item_nbr: number, unit_sales: number) => ({ date: '2017-08-16', item_nbr, store_nbr: 44, onpromotion: false, unit_sales });
const record = (requestId: string, n: number): PredictionRecord => ({
  requestId,
  modelVersion: 'abc123',
  forecasts: Array.from({ length: n }, (_, i) => forecast(1000 + i, i + 0.5)),
  features: Float32Array.from({ length: n * 3 }, (_, i) => i / 4),
});
const lineSchema = z.record(z.string(), z.unknown());
const readLines = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((l) => lineSchema.parse(JSON.parse(l)));

describe('PredictionLog', () => {
  it('writes one JSON line per forecast, in order, with its own slice of the features', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'prediction-log-')), 'nested', 'predictions.jsonl');
    const log = PredictionLog.open(file);
    log.record(record('single', 1));
    log.record(record('batch', 2));
    await log.close();
    const lines = await readLines(file);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, service: 'sales-web', requestId: 'single', modelVersion: 'abc123', input: { item_nbr: 1000, store_nbr: 44 }, features: [0, 0.25, 0.5], output: { unit_sales: 0.5 } });
    expect(lines[0]).not.toHaveProperty('row');
    expect(lines[2]).toMatchObject({ requestId: 'batch', row: 1, input: { item_nbr: 1001 }, features: [0.75, 1, 1.25], output: { unit_sales: 1.5 } });
    expect(Date.parse(String(lines[0]!['time']))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('has every line recorded before a flush on disk when the flush resolves, across many turns', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'prediction-log-')), 'predictions.jsonl');
    const log = PredictionLog.open(file);
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i < 50; i++) log.record(record(`r${turn}-${i}`, 1));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await log.flush();
    const lines = await readLines(file);
    expect(lines.map((l) => l['requestId'])).toEqual(Array.from({ length: 1000 }, (_, k) => `r${Math.floor(k / 50)}-${k % 50}`));
    await log.close();
  });

  it('reports an unwritable destination once, in plain words, and keeps accepting records without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prediction-log-'));
    await mkdir(join(dir, 'a-folder.jsonl')); // a folder where the file should be
    const errors: string[] = [];
    const log = PredictionLog.open(join(dir, 'a-folder.jsonl'), { onError: (message) => errors.push(message) });
    log.record(record('lost', 1));
    await log.flush();
    log.record(record('also lost', 1));
    await log.flush();
    await log.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/EISDIR|illegal operation on a directory/);
  });
});
