import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNx, withoutOuterNx } from './run-nx.ts';

describe('runNx', () => {
  it('says in plain words that Nx is not installed, instead of crashing on the spawn error', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cd4ml-no-nx-'));
    await expect(runNx(empty, ['--version'])).rejects.toMatchObject({ code: 'NX_NOT_INSTALLED', message: expect.stringMatching(/node_modules\/nx\/bin\/nx\.js does not exist: install .*npm ci/) });
  });

  it("keeps an outer Nx run's task variables away from the inner run, and the user's Nx settings", () => {
    expect(withoutOuterNx({ NX_TASK_TARGET_PROJECT: 'x', NX_TASK_HASH: 'h', NX_DAEMON: 'false', NX_CACHE_DIRECTORY: '/c', PATH: '/bin' })).toEqual({ NX_DAEMON: 'false', NX_CACHE_DIRECTORY: '/c', PATH: '/bin' });
  });
});
