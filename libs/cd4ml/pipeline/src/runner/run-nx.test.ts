import { describe, expect, it } from 'vitest';
import { runNx } from './run-nx.ts';

describe('runNx', () => {
  it('reports that Nx could not start, in plain words, instead of crashing on the spawn error', async () => {
    await expect(runNx(process.cwd(), ['--version'], { PATH: '/nonexistent' })).rejects.toMatchObject({ code: 'NX_NOT_STARTED', message: expect.stringMatching(/could not start npx nx \(ENOENT\)/) });
  });
});
