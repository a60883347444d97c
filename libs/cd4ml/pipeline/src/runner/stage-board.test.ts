import { describe, expect, it } from 'vitest';
import { failureReason } from './failure-reason.ts';
import { logView } from './run-view.ts';
import { renderBoard, StageBoard } from './stage-board.ts';

const stages = [
  { stage: 'd:make', description: 'make data', deps: [] },
  { stage: 'm:fit', description: 'fit the model', deps: ['d:make'] },
  { stage: 'w:contract', description: 'verify pacts', deps: ['c:test'] },
  { stage: 'w:package', description: 'bundle a release', deps: ['m:fit', 'w:contract'] },
];

describe('StageBoard', () => {
  it('shows a stage running once every task it waits for is over, then the figures Nx reports', () => {
    let now = 0;
    const board = new StageBoard(stages, () => now);
    const status = () => board.stages.map((s) => s.status);
    expect(status()).toEqual(['running', 'waiting', 'waiting', 'waiting']);
    now = 1500;
    board.taskOver('d:make', false);
    board.taskOver('c:test', true);
    expect(status()).toEqual(['done', 'running', 'running', 'waiting']);
    now = 4000;
    expect(board.elapsed(board.stages[1]!)).toBe(2.5);
    board.finish([
      { stage: 'd:make', description: '', outcome: 'ran', seconds: 1.4 },
      { stage: 'm:fit', description: '', outcome: 'failed', seconds: 2.6 },
      { stage: 'w:contract', description: '', outcome: 'skipped', seconds: 0 },
      { stage: 'w:package', description: '', outcome: 'not run', seconds: 0 },
    ]);
    expect(renderBoard(board, { width: 60, colour: false })).toEqual([
      '  ✓ d:make      ran        1.4s  make data',
      '  ✗ m:fit       failed     2.6s  fit the model',
      '  – w:contract  skipped    0.0s  verify pacts',
      '    w:package   not run    0.0s  bundle a release',
    ]);
  });

  it('prints each task once in a log: the output of what ran, a heading for a cached stage, nothing for a cached upstream task', () => {
    const out: string[] = [];
    const view = logView(new StageBoard(stages), (t) => out.push(t));
    view.taskOver({ id: 'c:test', cached: true, lines: ['replayed test output'] });
    view.taskOver({ id: 'd:make', cached: true, lines: [] });
    view.taskOver({ id: 'm:fit', cached: false, lines: ['fitted'] });
    expect(out.join('')).toBe('── d:make (from the Nx cache) ──\n── m:fit (ran) ──\nfitted\n');
  });
});

describe('failureReason', () => {
  it.each([
    [
      'our CLIs: the error block, with each failed gate, its figure and its bar',
      ['gates for toy', '  FAIL  threshold  0.9  bar <= 0.5', 'error: 1 gate failed:', '  threshold: 0.9 (bar <= 0.5): too far off', 'Set CD4ML_DEBUG=1 for details.'],
      ['error: 1 gate failed:', '  threshold: 0.9 (bar <= 0.5): too far off'],
    ],
    [
      'a test runner: the lines that say what failed',
      ['\x1b[32m✓\x1b[39m one', 'There were 3 pact failures', '    3.1) has a matching body', '  $.forecasts[0] -> Actual map is missing the following keys: unit_sales', ' Tests  1 failed | 2 passed'],
      ['There were 3 pact failures', '  $.forecasts[0] -> Actual map is missing the following keys: unit_sales', ' Tests  1 failed | 2 passed'],
    ],
    ['anything else: its last lines', ['starting', 'Segmentation fault (core dumped)'], ['starting', 'Segmentation fault (core dumped)']],
  ])('%s', (_, output, reason) => {
    expect(failureReason(output)).toEqual(reason);
  });
});
