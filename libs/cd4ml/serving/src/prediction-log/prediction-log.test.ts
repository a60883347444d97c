import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { predictionLineSchema } from './prediction-line.ts';
import { PredictionLog, type PredictionLogOptions } from './prediction-log.ts';

// A domain of its own: trips per station and day, with a flag and a free-text note.
const shape = {
  input: [
    ['date', 'string'],
    ['station', 'string'],
    ['temperature', 'number'],
    ['holiday', 'boolean'],
  ],
  output: [['trips', 'number']],
} as const;
type Field = 'date' | 'station' | 'temperature' | 'holiday' | 'trips';
const prediction = (i: number, station = 'central') => ({ date: '2025-01-06', station, temperature: i / 2, holiday: i % 2 === 1, trips: i + 0.5 });
const record = (requestId: string, n: number, station?: string) => ({
  requestId,
  modelVersion: 'abc123',
  predictions: Array.from({ length: n }, (_, i) => prediction(i, station)),
  features: Float32Array.from({ length: n * 3 }, (_, i) => i / 4),
});
const readLines = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((l) => predictionLineSchema.parse(JSON.parse(l)));
const turn = () => new Promise((resolve) => setImmediate(resolve));
const newLog = async (o: Partial<PredictionLogOptions<Field, Field>> = {}) => {
  const file = join(await mkdtemp(join(tmpdir(), 'prediction-log-')), 'predictions.jsonl');
  return { file, log: PredictionLog.open(file, { service: 'trips-web', shape, ...o }) };
};

describe('PredictionLog', () => {
  it('writes one JSON line per prediction, in order, in the line format every reader takes, with its own slice of the features', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'prediction-log-')), 'nested', 'predictions.jsonl');
    const log = PredictionLog.open(file, { service: 'trips-web', shape });
    void log.record(record('single', 1));
    void log.record(record('batch', 2, 'harbour "north"\nside ✓'));
    await log.close();
    const lines = await readLines(file);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      level: 30,
      time: expect.any(String),
      service: 'trips-web',
      logVersion: 1,
      requestId: 'single',
      modelVersion: 'abc123',
      input: { date: '2025-01-06', station: 'central', temperature: 0, holiday: false },
      features: [0, 0.25, 0.5],
      output: { trips: 0.5 },
    });
    // As pino writes it: a shipper sees the same field order in every line.
    const [first] = (await readFile(file, 'utf8')).split('\n');
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(JSON.parse(first!)))).toEqual(['level', 'time', 'service', 'logVersion', 'requestId', 'modelVersion', 'input', 'features', 'output']);
    expect(lines[2]).toMatchObject({ requestId: 'batch', row: 1, input: { station: 'harbour "north"\nside ✓', temperature: 0.5, holiday: true }, features: [0.75, 1, 1.25], output: { trips: 1.5 } });
    expect(Date.parse(lines[0]!.time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('has every line recorded before a flush on disk when the flush resolves, across many turns', async () => {
    const { file, log } = await newLog();
    for (let t = 0; t < 20; t++) {
      for (let i = 0; i < 50; i++) void log.record(record(`r${t}-${i}`, 1));
      await turn();
    }
    await log.flush();
    expect((await readLines(file)).map((l) => l.requestId)).toEqual(Array.from({ length: 1000 }, (_, k) => `r${Math.floor(k / 50)}-${k % 50}`));
    await log.close();
  });

  it('reports an unwritable destination once, in plain words, and keeps accepting records without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prediction-log-'));
    await mkdir(join(dir, 'a-folder.jsonl')); // a folder where the file should be
    const errors: string[] = [];
    const log = PredictionLog.open(join(dir, 'a-folder.jsonl'), { service: 'trips-web', shape, onError: (message) => errors.push(message) });
    void log.record(record('lost', 1));
    await log.flush();
    void log.record(record('also lost', 1));
    await log.flush();
    await log.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/EISDIR|illegal operation on a directory/);
    expect(log.stats().dropped).toBe(2); // both lines, counted
  });
});

describe('PredictionLog: a bounded backlog', () => {
  it('answers at once while at most maxUnwritten answered lines are unwritten, then makes answers wait for their own lines', async () => {
    const { file, log } = await newLog({ maxUnwritten: 3 });
    expect(log.record(record('a', 2))).toBeUndefined();
    expect(log.record(record('b', 1))).toBeUndefined();
    const waiting = log.record(record('c', 1));
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    // Released only once its own line is in the file.
    expect((await readLines(file)).map((l) => l.requestId)).toEqual(['a', 'a', 'b', 'c']);
    expect(log.record(record('d', 3))).toBeUndefined(); // the writer caught up: room again
    await log.close();
  });

  it('with maxUnwritten 0, every answer waits until its lines are written: a crash loses no answered prediction', async () => {
    const { file, log } = await newLog({ maxUnwritten: 0 });
    for (let i = 0; i < 5; i++) {
      await log.record(record(`r${i}`, 2));
      expect(await readLines(file)).toHaveLength(2 * (i + 1));
    }
    await log.close();
  });

  it('sheds past the bound when told to, counting every line dropped, and never makes an answer wait', async () => {
    const { file, log } = await newLog({ maxUnwritten: 2, whenFull: 'shed' });
    const results = [log.record(record('kept', 2)), log.record(record('shed', 1)), log.record(record('shed too', 5))];
    expect(results).toEqual([undefined, undefined, undefined]);
    await log.flush();
    expect((await readLines(file)).map((l) => l.requestId)).toEqual(['kept', 'kept']);
    expect(log.stats()).toMatchObject({ dropped: 6, written: 2, unwritten: 0 });
    await log.close();
  });

  it('reports how far it is behind: unwritten lines and the age of the oldest', async () => {
    const { log } = await newLog();
    expect(log.stats()).toEqual({ unwritten: 0, lagSeconds: 0, written: 0, dropped: 0 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      void log.record(record('x', 4));
      vi.setSystemTime(Date.now() + 2_500); // the clock moves on before the writer had its turn
      expect(log.stats()).toEqual({ unwritten: 4, lagSeconds: 2.5, written: 0, dropped: 0 });
    } finally {
      vi.useRealTimers();
    }
    await log.flush();
    expect(log.stats()).toEqual({ unwritten: 0, lagSeconds: 0, written: 4, dropped: 0 });
    await log.close();
  });
});

describe('PredictionLog: rotation by size', () => {
  it('starts a new file past maxBytes, between whole lines, and keeps the newest `keep` rotated files', async () => {
    const { file, log } = await newLog({ rotate: { maxBytes: 4_000, keep: 2 } });
    for (let t = 0; t < 30; t++) {
      void log.record(record(`t${t}`, 5)); // about 1.3 kB a turn
      await turn();
    }
    await log.close();
    expect((await readdir(join(file, '..'))).sort()).toEqual(['predictions.jsonl', 'predictions.jsonl.1', 'predictions.jsonl.2']);
    const kept = [...(await readLines(`${file}.2`)), ...(await readLines(`${file}.1`)), ...(await readLines(file))];
    const ids = kept.map((l) => String(l.requestId));
    // Whole lines only, in order, the newest ones, ending with the last turn.
    expect(ids.at(-1)).toBe('t29');
    expect(ids).toEqual([...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(ids.length % 5).toBe(0);
  });
});
