import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEEDBACK_FILE, readFeedback } from '@cd4ml/monitoring';
import { writeToyFiles } from '@cd4ml/monitoring/testing';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { predictionLineSchema } from '@cd4ml/serving';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { feedback } from '../test-support/toy-monitor.ts';

/** One posted actual of the toy domain, as the toy files write it. */
const actualLine = z.looseObject({ date: z.string(), station: z.number(), rentals: z.number() });

const root = findWorkspaceRoot(import.meta.dirname);
const cli = join(root, 'libs/cd4ml/operations/src/cli.ts');
const definition = join(root, 'libs/cd4ml/operations/src/test-support/toy-monitor.ts');
let dir: string;
let files: Awaited<ReturnType<typeof writeToyFiles>>;

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, 'feedback', '--definition', definition, ...args], { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedback-cli-'));
  files = await writeToyFiles(dir, 3);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the feedback stage with a domain definition (the toy domain)', () => {
  it("keeps the domain's outcome columns only, one row per key in day order, never a forecast; a rerun with nothing new writes nothing", async () => {
    const out = join(dir, 'feedback/toy.manifest.json');
    const first = await run(['--predictions', files.predictions, '--actuals', files.actuals, '--out', out]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/feedback: 840 actuals, 840 joined with a forecast \(0 without one, left out\); 840 new, 0 replaced/);
    const csv = (await readFile(join(dir, 'feedback/toy', FEEDBACK_FILE), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('date,station,rentals,weekend');
    expect(csv).toHaveLength(841);
    const days = csv.slice(1).map((l) => l.split(',')[0]!);
    expect(days).toEqual([...days].sort());
    const forecasts = (await readFile(files.predictions, 'utf8')).trim().split('\n').map((l) => String(predictionLineSchema.parse(JSON.parse(l)).output['rentals']));
    expect(forecasts.filter((f) => csv.some((line) => line.split(',')[2] === f))).toEqual([]);
    expect((await readFeedback(out, feedback))?.rows[0]).toMatchObject({ date: days[0], weekend: expect.stringMatching(/^(yes|no)$/) });
    const again = await run(['--predictions', files.predictions, '--actuals', files.actuals, '--out', out]);
    expect(again.stdout).toMatch(/0 new, 0 replaced[\s\S]*nothing new: .*toy\.manifest\.json is unchanged/);
  });

  it('replaces a corrected actual (the latest wins) and counts it', async () => {
    const out = join(dir, 'feedback/corrected.manifest.json');
    await run(['--predictions', files.predictions, '--actuals', files.actuals, '--out', out]);
    const [first] = (await readFile(files.actuals, 'utf8')).trim().split('\n');
    const correction = join(dir, 'correction.jsonl');
    await writeFile(correction, `${JSON.stringify({ ...actualLine.parse(JSON.parse(first!)), rentals: 4242 })}\n`);
    const r = await run(['--predictions', files.predictions, '--actuals', correction, '--out', out]);
    expect(r.stdout).toMatch(/0 new, 1 replaced/);
    expect(await readFile(join(dir, 'feedback/corrected', FEEDBACK_FILE), 'utf8')).toMatch(/,4242,/);
  });

  it('refuses an outcome the definition rejects and a hand-edited snapshot, naming what and where, with no stack trace', async () => {
    const out = join(dir, 'feedback/bad.manifest.json');
    const negative = join(dir, 'negative.jsonl');
    const [first] = (await readFile(files.actuals, 'utf8')).trim().split('\n');
    await writeFile(negative, `${JSON.stringify({ ...actualLine.parse(JSON.parse(first!)), rentals: -5 })}\n`);
    const refused = await run(['--predictions', files.predictions, '--actuals', negative, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: outcome 0 \(.*\) does not fit the feedback snapshot: rentals: /);
    const good = join(dir, 'feedback/edited.manifest.json');
    await run(['--predictions', files.predictions, '--actuals', files.actuals, '--out', good]);
    await appendFile(join(dir, 'feedback/edited', FEEDBACK_FILE), '2020-07-30,1,7,maybe\n');
    const edited = await run(['--predictions', files.predictions, '--actuals', files.actuals, '--out', good]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/actuals\.csv/);
    expect(edited.stderr).not.toMatch(/\n\s+at /);
  });
});
