import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Test support (never imported by a stage): makes temporary folders for one test file and removes
 * them after its last test, so a run leaves nothing behind even outside the shared sandbox.
 *
 * @example const tempDir = tempDirs('cd4ml-ingest-'); const dir = await tempDir();
 */
export function tempDirs(prefix: string): () => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
