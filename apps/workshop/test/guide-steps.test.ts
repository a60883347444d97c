import { describe, expect, it } from 'vitest';
import { guideSteps } from '../src/guide.ts';

const doc = ['# t', '```bash', 'echo no', '```', '## Scenario 2: x', '```sh', 'npm ci', '```', '```bash', 'echo a', 'false', '```', '<!-- exit: 1 -->', '<!-- expect: a$ -->', 'text', '```bash', 'serve', '```', '<!-- background: http://127.0.0.1:9/ -->', '## Facilitator', '```bash', 'echo f', '```'].join('\n');

describe('guideSteps', () => {
  it('reads the bash blocks of the scenarios with their marks, and nothing else', () => {
    expect(guideSteps(doc)).toEqual([
      { scenario: 2, line: 9, script: 'echo a\nfalse', expect: [/a$/m], exit: 1 },
      { scenario: 2, line: 16, script: 'serve', expect: [], exit: 0, background: 'http://127.0.0.1:9/' },
    ]);
  });

  it('names the line of a block that is never closed', () => {
    expect(() => guideSteps('## Scenario 1: x\n```bash\necho')).toThrow(/WORKSHOP.md:2: a bash block is never closed/);
  });
});
