import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

describe('createProgress (not a terminal)', () => {
  it('prints one line per quarter reached, once, even when updates are coarse', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const p = createProgress('read', 100, stream);
    p.update(10);
    p.update(60);
    p.update(60);
    p.update(100);
    p.stop();
    expect(lines).toEqual(['read: 50% (60/100)\n', 'read: 100% (100/100)\n']);
  });
});
