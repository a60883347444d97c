import { cp, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from './_cli.ts';
import { workspaceRoot } from './_server.ts';
import { report } from './probe.ts';

/**
 * A full disk (ENOSPC injected by the CD4ML_FAULT hook of @cd4ml/fs, half-way through a file) at
 * the gate stage, through its real CLI. Train (its run record), the actuals route and the
 * prediction log are probed where their code is tested: see covered-elsewhere.ts.
 */
describe('a full disk', () => {
  const fixture = inject('fixture');

  it('gate: the served model and the store stay as they were, and the message names the file', async (context) => {
    const work = await mkdtemp(join(tmpdir(), 'reliability-enospc-'));
    const served = join(work, 'served');
    await cp(fixture.model, served, { recursive: true });
    const before = { inode: (await stat(served)).ino, gates: await readFile(join(served, 'gates.json'), 'utf8') };
    const run = await runCli(
      'libs/sales/model/src/gate/cli.ts',
      ['--model', fixture.trained, '--data', fixture.processed, '--gates', join(workspaceRoot, 'libs/sales/model/gates.yaml'), '--registry', join(work, 'registry.json'), '--store', join(work, 'store'), '--out', served],
      'enospc:gates.json',
    );
    expect(run.code).toBe(1);
    const message = run.stderr.trim();
    expect(message).toMatch(new RegExp(`^error: ${work}/store/[0-9a-f]{16}/gates\\.json could not be written: no space left on device \\(ENOSPC\\)\\. Free some space and run again\\.$`));
    expect({ inode: (await stat(served)).ino, gates: await readFile(join(served, 'gates.json'), 'utf8') }).toEqual(before);
    expect(await readdir(join(work, 'store'))).toEqual([]); // neither the candidate nor its temporary
    report(context, {
      probe: 'gate on a full disk (ENOSPC half-way through gates.json)',
      expected: 'exit 1 with one line naming the file; the served model unchanged; no half-written candidate',
      observed: `exit ${run.code}: ${message.replace(work, '<work>')}; served model unchanged`,
    });
  });
});
