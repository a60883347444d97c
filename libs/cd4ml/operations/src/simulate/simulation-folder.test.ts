import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSimulationFolder } from './simulation-folder.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-sim-folder-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a simulation starts in a fresh folder', () => {
  it("clears an earlier simulation's folder, so its outcomes and releases never leak into a new run", async () => {
    const out = join(dir, 'sim');
    await freshSimulationFolder(out);
    await mkdir(join(out, 'feedback'));
    await writeFile(join(out, 'feedback/old.csv'), 'date,rentals\n');
    await freshSimulationFolder(out);
    expect(existsSync(join(out, 'feedback/old.csv'))).toBe(false);
    expect(existsSync(join(out, '.cd4ml-simulation'))).toBe(true);
  });

  it("refuses a folder with files that is not a simulation's, and deletes nothing", async () => {
    const workspace = join(dir, 'workspace');
    await mkdir(workspace);
    await writeFile(join(workspace, 'package.json'), '{}');
    await expect(freshSimulationFolder(workspace)).rejects.toThrow(/holds files and is not a simulation's folder/);
    expect(existsSync(join(workspace, 'package.json'))).toBe(true);
  });
});
