import { describe, expect, it } from 'vitest';
import { NxOutputParser, type TaskBlock } from './nx-output.ts';

// What `nx run pipelines:pipeline --outputStyle=static` prints (Nx 22), abridged.
const STATIC = [
  '',
  ' NX   Running target pipeline for project pipelines and 3 tasks it depends on:',
  '',
  '',
  '> nx run d:make  [local cache]',
  '',
  '',
  '> nx run m:fit',
  '',
  'fitted toy model',
  '',
  '  with a blank line inside',
  '',
  '',
  '> \x1b[1mnx run\x1b[22m w:contract  \x1b[2m[existing outputs match the cache, left as is]\x1b[22m',
  '',
  '',
  '> nx run m:gate',
  '',
  'gates for toy',
  'error: 1 gate failed:',
  '  threshold: 0.9 (bar <= 0.5): too far off',
  '',
  '',
  ' NX   Running target pipeline for project pipelines and 3 tasks it depends on failed',
  '',
  'Failed tasks:',
  '',
  '- m:gate',
  '',
].join('\n');

function parse(chunks: readonly string[]): { tasks: TaskBlock[]; other: string[] } {
  const tasks: TaskBlock[] = [];
  const other: string[] = [];
  const parser = new NxOutputParser(
    (t) => tasks.push(t),
    (l) => other.push(l),
  );
  for (const c of chunks) parser.push(c);
  parser.end();
  return { tasks, other };
}

describe('NxOutputParser', () => {
  it.each([
    ['in one chunk', [STATIC]],
    ['in chunks cut anywhere, even inside a header', STATIC.match(/[\s\S]{1,7}/g)!],
  ])('splits static output into task blocks, each with its own output once (%s)', (_, chunks) => {
    const { tasks, other } = parse(chunks);
    expect(tasks.map((t) => [t.id, t.cached])).toEqual([
      ['d:make', true],
      ['m:fit', false],
      ['w:contract', true],
      ['m:gate', false],
    ]);
    expect(tasks[1]!.lines).toEqual(['fitted toy model', '', '  with a blank line inside']);
    expect(tasks[3]!.lines).toEqual(['gates for toy', 'error: 1 gate failed:', '  threshold: 0.9 (bar <= 0.5): too far off']);
    expect(other.join('\n')).toMatch(/Running target pipeline[\s\S]*Failed tasks:[\s\S]*- m:gate/);
  });

  it('reads the GitHub Actions grouping Nx adds on CI and a task id with a configuration', () => {
    const { tasks } = parse(['::group::✅ > nx run w:deploy:production --env=staging\n\nup\n::endgroup::\n']);
    expect(tasks).toEqual([{ id: 'w:deploy:production', cached: false, lines: ['up'] }]);
  });
});
