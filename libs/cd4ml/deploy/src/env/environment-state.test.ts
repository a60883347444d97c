import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '@cd4ml/fs';
import { loadEnvironment } from './environment-config.ts';
import { readState, withEnvironmentLock } from './environment-state.ts';

describe('environment configuration and state', () => {
  it('refuses two changes to one environment at once, and takes over the lock of a deploy that was killed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-env-'));
    const inner = withEnvironmentLock(dir, () => withEnvironmentLock(dir, () => Promise.resolve('twice')));
    await expect(inner).rejects.toMatchObject({ code: 'ENV_BUSY', message: expect.stringMatching(new RegExp(`is being changed by process ${process.pid}`)) });
    await writeFile(join(dir, '.lock'), '999999');
    await expect(withEnvironmentLock(dir, () => Promise.resolve('taken over'))).resolves.toBe('taken over');
  });

  it('names the file and the field of a broken configuration or state, and says what to do', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cd4ml-env-'));
    await writeJsonAtomic(join(root, 'staging', 'environment.json'), { name: 'staging', port: 'x', strategy: 'replace' });
    await expect(loadEnvironment(root, 'staging')).rejects.toMatchObject({ code: 'ENV_INVALID', message: expect.stringMatching(/staging\/environment\.json[\s\S]*port[\s\S]*committed environment\.json/) });
    await writeJsonAtomic(join(root, 'staging', 'environment.json'), { name: 'staging', port: 3100, strategy: 'replace' });
    process.env['CD4ML_STAGING_PORT'] = '70000';
    try {
      await expect(loadEnvironment(root, 'staging')).rejects.toThrow(/CD4ML_STAGING_PORT=70000 is not a port/);
    } finally {
      delete process.env['CD4ML_STAGING_PORT'];
    }
    await mkdir(join(root, 'production'));
    await writeFile(join(root, 'production', 'state.json'), '{"url": 1}');
    await expect(readState(join(root, 'production'))).rejects.toMatchObject({ code: 'ENV_INVALID', message: expect.stringMatching(/state\.json[\s\S]*url[\s\S]*npm run stop/) });
  });
});
