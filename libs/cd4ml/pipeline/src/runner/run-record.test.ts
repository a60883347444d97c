import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRunId, recentRunRecords, writeRunRecord, type PipelineRunRecord } from './run-record.ts';

const record = (runId: string, passed: boolean): PipelineRunRecord => ({
  runId,
  pipeline: 'pipelines',
  startedAt: '2026-12-01T01:00:00.000Z',
  seconds: 1.5,
  passed,
  code: { commit: 'abc', dirty: false },
  stages: [{ stage: 'd:make', description: 'make', outcome: passed ? 'ran' : 'failed', seconds: 1 }],
  otherTasks: [],
  ...(passed ? {} : { failure: { stage: 'd:make', reason: ['error: broken'] } }),
  results: { versions: {}, deployments: [] },
});

describe('pipeline run records', () => {
  it('names runs so that they sort by time', () => {
    expect(newRunId(new Date('2026-12-01T01:39:24.512Z'), () => 0.5)).toBe('2026-12-01T01-39-24Z-8000');
  });

  it('reads the latest records back with their schema, oldest first, and skips (naming it) one that does not parse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-records-'));
    await writeRunRecord(dir, record('2026-12-01T01-00-00Z-0001', true));
    await writeRunRecord(dir, record('2026-12-01T02-00-00Z-0002', false));
    await writeFile(join(dir, 'runs', '2026-12-01T03-00-00Z-0003.json'), '{"runId": 3}');
    const { records, skipped } = await recentRunRecords(dir);
    expect(records.map((r) => [r.runId, r.passed])).toEqual([
      ['2026-12-01T01-00-00Z-0001', true],
      ['2026-12-01T02-00-00Z-0002', false],
    ]);
    expect(skipped).toEqual([join(dir, 'runs', '2026-12-01T03-00-00Z-0003.json')]);
  });

  it('refuses to write a record that does not match its own schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-records-'));
    await expect(writeRunRecord(dir, { ...record('not an id', true) })).rejects.toThrow(/runId/);
  });
});
