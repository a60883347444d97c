import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '@cd4ml/fs';
import { loadEnvironment, portOverrides } from './environment-config.ts';
import { readState, withEnvironmentLock } from './environment-state.ts';

describe('environment configuration and state', () => {
  it.each([
    [{ CD4ML_STAGING_PORT: '70000' }, /CD4ML_STAGING_PORT=70000 is not a port/],
    [{ CD4ML_PRODUCTION_PORT: 'x' }, /CD4ML_PRODUCTION_PORT=x is not a port/],
    [{ CD4ML_PRODUCTION_PORT: '6000' }, /CD4ML_PRODUCTION_PORT=6000: Node's fetch refuses to connect to port 6000[\s\S]*e\.g\. 6001/],
  ])('refuses the port variables %j, naming the variable and the way out', (env, message) => {
    expect(() => portOverrides(env)).toThrow(message);
  });

  it('reads the port variables only when asked: the command line does, a library caller gets the committed ports', () => {
    expect(portOverrides({ CD4ML_STAGING_PORT: '4100', CD4ML_PRODUCTION_PORT: '', OTHER: '1' })).toEqual({ staging: 4100 });
  });

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
    await expect(loadEnvironment(root, 'staging', { staging: 3200 })).resolves.toMatchObject({ config: { port: 3200 } });
    await mkdir(join(root, 'production'));
    await writeFile(join(root, 'production', 'state.json'), '{"url": 1}');
    await expect(readState(join(root, 'production'))).rejects.toMatchObject({ code: 'ENV_INVALID', message: expect.stringMatching(/state\.json[\s\S]*url[\s\S]*npm run stop/) });
  });
});
