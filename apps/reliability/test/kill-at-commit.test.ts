import { existsSync } from 'node:fs';
import { cp, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifest } from '@cd4ml/data';
import { readJsonFile } from '@cd4ml/fs';
import { loadArtifact, readArtifactFiles } from '@cd4ml/model-artifact';
import { ForecastModel } from '@cd4ml/sales-web/forecast-model';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { leftoversBeside, runCli, type CliRun } from './_cli.ts';
import { workspaceRoot } from './_server.ts';
import { report } from './probe.ts';

const params = join(workspaceRoot, 'libs/sales/model/params.yaml');
const gates = join(workspaceRoot, 'libs/sales/model/gates.yaml');
const fixture = inject('fixture');
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'reliability-kill-'));
});
const copy = async (from: string, name: string) => {
  await cp(from, join(work, name), { recursive: true });
  return join(work, name);
};
const inode = async (dir: string) => (await stat(dir)).ino;
const killedAt = (run: CliRun) => `${run.signal ?? `exit ${run.code}`}`;
const ingest = (out: string, validationDays: number, fault?: string) =>
  runCli('libs/sales/data/src/ingest/cli.ts', ['--raw', fixture.raw, '--out', out, '--validation-days', String(validationDays)], fault);
const train = (out: string, runs: string, fault?: string) => runCli('libs/sales/model/src/train/cli.ts', ['--data', fixture.processed, '--params', params, '--out', out, '--runs', runs], fault);
const gate = (o: { served: string; store: string; registry: string }, fault?: string) =>
  runCli('libs/sales/model/src/gate/cli.ts', ['--model', fixture.trained, '--data', fixture.processed, '--gates', gates, '--registry', o.registry, '--store', o.store, '--out', o.served], fault);

/**
 * A SIGKILL at each commit point of ingest, train and gate: between the two renames of a folder
 * swap, the one moment the real path holds nothing (the CD4ML_FAULT hook of @cd4ml/fs kills the
 * stage's process there). What must hold: the next reader sees the previous folder, and the next
 * run leaves no temporaries behind.
 */
describe('a kill at each commit point', () => {
  it('ingest: killed while swapping in its output folder', async (context) => {
    const out = await copy(fixture.processed, 'processed');
    const before = (await readManifest(join(out, 'manifest.json'))).dataVersion;
    // Another validation window, so the new output differs from the old one.
    const killed = await ingest(out, 21, `kill-at-swap:${out}`);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const gap = !existsSync(out);
    const seen = (await readManifest(join(out, 'manifest.json'))).dataVersion; // train's first read
    expect(seen).toBe(before);
    const rerun = await ingest(out, 21);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await leftoversBeside(out)).toEqual([]);
    report(context, {
      probe: 'SIGKILL of ingest between the two renames of its output swap',
      expected: 'the next reader gets the previous processed data; the next run leaves no temporaries',
      observed: `${killedAt(killed)}; output path empty after the kill: ${gap}; the reader got the previous data version (${seen.slice(0, 12)}); rerun exit ${rerun.code}, ${(await leftoversBeside(out)).length} temporaries`,
    });
  });

  it('train: killed while swapping in the model artifact (after its run record)', async (context) => {
    const out = await copy(fixture.trained, 'trained');
    const runs = join(work, 'runs');
    const cardSchema = z.object({ createdAt: z.string() });
    const before = (await readJsonFile(join(out, 'model.json'), cardSchema)).createdAt;
    const killed = await train(out, runs, `kill-at-swap:${out}`);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const gap = !existsSync(out);
    const seen = await loadArtifact(out, { spec: z.unknown() }); // evaluate's and gate's read
    expect(seen.card.createdAt).toBe(before);
    const rerun = await train(out, runs);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await leftoversBeside(out)).toEqual([]);
    report(context, {
      probe: 'SIGKILL of train between the two renames of its artifact swap',
      expected: 'the next reader (evaluate, gate) gets the previous model; the next run leaves no temporaries',
      observed: `${killedAt(killed)}; artifact path empty after the kill: ${gap}; the reader got the previous model (created ${before}); rerun exit ${rerun.code}, ${(await leftoversBeside(out)).length} temporaries`,
    });
  });

  it.for([
    ['the candidate store', 'store'],
    ['the served model', 'served'],
  ] as const)('gate: killed while swapping in %s', async ([, target], context) => {
    const o = { served: await copy(fixture.model, 'served'), store: await copy(join(fixture.root, 'store'), 'store'), registry: join(work, 'registry.json') }; // no champion yet: the gate reads an absent registry as empty
    const { candidate } = await readJsonFile(join(o.served, 'gates.json'), z.object({ candidate: z.object({ key: z.string() }) }));
    const dir = target === 'store' ? join(o.store, candidate.key.slice(0, 16)) : o.served;
    const before = { served: await inode(o.served), target: await inode(dir) };
    const killed = await gate(o, `kill-at-swap:${dir}`);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const gap = !existsSync(dir);
    // The next readers: the app loads the served model; a reader of the artifact in the store.
    if (target === 'served') await (await ForecastModel.load(o.served)).close();
    else await readArtifactFiles(dir);
    expect({ served: await inode(o.served), target: await inode(dir) }).toEqual(before);
    const rerun = await gate(o);
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(await leftoversBeside(dir)).toEqual([]);
    report(context, {
      probe: `SIGKILL of gate between the two renames of ${target === 'store' ? 'its candidate store entry' : 'the served model'}`,
      expected: `the next reader gets the previous ${target === 'store' ? 'candidate' : 'served model (the app loads it, ready)'}; the next run leaves no temporaries`,
      observed: `${killedAt(killed)}; path empty after the kill: ${gap}; the reader got the previous folder (same inode); rerun exit ${rerun.code}, ${(await leftoversBeside(dir)).length} temporaries`,
    });
  });
});
