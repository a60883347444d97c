import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareShadow, shadowReportHtml } from './shadow-report.ts';

const line = (id: string, live: number, shadow: number | null) =>
  JSON.stringify({
    at: '2026-12-01T00:00:00.000Z',
    requestId: id,
    method: 'POST',
    path: '/api/v1/forecast/batch',
    live: { release: 'champ', status: 200, ms: 3, body: { forecasts: [{ unit_sales: live }], modelVersion: 'm1' } },
    shadow: shadow === null ? { release: 'chall', status: 0, ms: 0, body: null, error: 'connect ECONNREFUSED' } : { release: 'chall', status: 200, ms: 4, body: { forecasts: [{ unit_sales: shadow }], modelVersion: 'm2' } },
  });

describe('compareShadow', () => {
  it('compares the numbers of both answers request by request, counts shadow errors, and skips a torn last line', async () => {
    const log = join(await mkdtemp(join(tmpdir(), 'cd4ml-shadow-')), 'shadow.jsonl');
    await writeFile(log, `${[line('r1', 10, 10), line('r2', 10, 12), line('r3', 4, null)].join('\n')}\n{"requestId": "r4", "li`);
    const c = await compareShadow(log);
    expect(c).toMatchObject({ requests: 3, skippedLines: 1, releases: { live: ['champ'], shadow: ['chall'] }, sameStatus: 2, shadowErrors: 1, numbersCompared: 2, meanAbsDiff: 1, maxAbsDiff: 2, within10Percent: 0.5 });
    expect(c.worst[0]).toEqual({ requestId: 'r2', path: '/api/v1/forecast/batch', field: 'forecasts[0].unit_sales', live: 10, shadow: 12 });
    expect(shadowReportHtml(c, log)).toMatch(/challenger against champion[\s\S]*1 unreadable lines skipped[\s\S]*r2/);
  });
});
