import { describe, expect, it } from 'vitest';
import { stageRows } from './run-pipeline.ts';

const stages = ['d:make', 'm:fit', 'm:gate', 'w:contract'].map((stage) => ({ stage, description: stage }));
const task = (id: string, status: string, seconds = 1) => ({ id, project: id.split(':')[0]!, target: id.split(':')[1]!, status, cached: status.startsWith('local-cache'), code: status === 'failure' ? 1 : 0, startTime: 0, endTime: seconds * 1000 });

describe('stageRows', () => {
  it('reads ran, cached, failed, skipped and not run from Nx task results, in pipeline order', () => {
    const summary = { startTime: 0, endTime: 1, tasks: [task('m:gate', 'skipped'), task('d:make', 'local-cache', 0.1), task('m:fit', 'failure', 2), task('x:test', 'success')] };
    expect(stageRows(stages, summary).map((r) => [r.stage, r.outcome, r.seconds])).toEqual([
      ['d:make', 'cached', 0.1],
      ['m:fit', 'failed', 2],
      ['m:gate', 'skipped', 1],
      ['w:contract', 'not run', 0],
    ]);
  });
});
