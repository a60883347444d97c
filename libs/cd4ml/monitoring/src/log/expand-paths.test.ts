import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from './expand-paths.ts';

describe('expandPaths', () => {
  it('expands * within folder and file names, sorted, and keeps a plain path even when it does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'expand-'));
    for (const slot of ['green', 'blue', 'shadow']) {
      await mkdir(join(dir, 'run', slot), { recursive: true });
      if (slot !== 'shadow') await writeFile(join(dir, 'run', slot, 'predictions.jsonl'), '');
    }
    expect(expandPaths([join(dir, 'run/*/predictions.jsonl'), join(dir, 'later.jsonl')])).toEqual([
      join(dir, 'run/blue/predictions.jsonl'),
      join(dir, 'run/green/predictions.jsonl'),
      join(dir, 'later.jsonl'),
    ]);
    expect(expandPaths([join(dir, 'none/*/x')])).toEqual([]);
  });
});
