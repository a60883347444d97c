import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coveredElsewhere } from './covered-elsewhere.ts';
import { workspaceRoot } from './_server.ts';
import { report } from './probe.ts';

/** Probes made by the projects' own tests: named in the table, and checked to still exist, so a reference cannot rot. */
describe('probes covered by the projects’ own tests', () => {
  it.for(coveredElsewhere)('$probe', async (c, context) => {
    const source = await readFile(join(workspaceRoot, c.file), 'utf8');
    expect(source, `${c.file} no longer has the test "${c.test}": update covered-elsewhere.ts`).toContain(c.test);
    report(context, { probe: c.probe, expected: c.expected, observed: `tested in ${c.project}:test, ${c.file}: "${c.test}"` });
  });
});
