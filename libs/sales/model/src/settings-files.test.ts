import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGateSettings } from './gate/gate-settings.ts';
import { readMonitorSettings } from '@cd4ml/monitoring';
import { readParams } from './params.ts';
import { committedGates, committedMonitoring, committedParams } from './test-support/fixture-data.ts';

// The three settings files are read by three stages; each is checked with its own schema when read.
const files = [
  { name: 'params.yaml', committed: committedParams, read: readParams, what: 'params file', bad: ['learningRate: 0.08', 'learningRate: 3'], field: 'model.gbt.learningRate' },
  { name: 'gates.yaml', committed: committedGates, read: readGateSettings, what: 'gate settings file', bad: ['maxErrorRatio: 1.6', 'maxErrorRatio: 0.5'], field: 'fairness.maxErrorRatio' },
  { name: 'monitoring.yaml', committed: committedMonitoring, read: readMonitorSettings, what: 'monitoring settings file', bad: ['ksAlpha: 0.01', 'ksAlpha: high'], field: 'drift.ksAlpha' },
] as const;

describe('the settings files: params.yaml (train), gates.yaml (gate), monitoring.yaml (monitor)', () => {
  it.each(files)('$name: the committed file is valid', async ({ committed, read }) => {
    await expect(read(committed)).resolves.toBeTypeOf('object');
  });

  it.each(files)('$name: a bad value is refused, naming the file and the field', async ({ name, committed, read, what, bad, field }) => {
    const path = join(await mkdtemp(join(tmpdir(), 'cd4ml-settings-')), name);
    await writeFile(path, (await readFile(committed, 'utf8')).replace(bad[0], bad[1]));
    await expect(read(path)).rejects.toThrow(new RegExp(`${path} is not a valid ${what}:[\\s\\S]*→ at ${field.replaceAll('.', '\\.')}`));
  });

  it.each(files)("$name: another stage's file is refused, naming its keys", async ({ name, read, what }) => {
    const other = files.find((f) => f.name !== name)!;
    await expect(read(other.committed)).rejects.toThrow(new RegExp(`${other.committed} is not a valid ${what}:[\\s\\S]*Unrecognized key`));
  });

  it('params.yaml of the old layout (gates: and monitoring: in it) is refused, naming both keys', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'cd4ml-settings-')), 'params.yaml');
    const indent = (text: string) => text.replace(/^(?=.)/gm, '  ');
    await writeFile(path, `${await readFile(committedParams, 'utf8')}gates:\n${indent(await readFile(committedGates, 'utf8'))}monitoring:\n${indent(await readFile(committedMonitoring, 'utf8'))}`);
    await expect(readParams(path)).rejects.toMatchObject({ code: 'PARAMS_INVALID', message: expect.stringMatching(/Unrecognized keys: "gates", "monitoring"/) });
  });
});
