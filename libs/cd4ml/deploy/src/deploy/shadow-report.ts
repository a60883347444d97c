import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { htmlReport, htmlTable } from '@cd4ml/report';
import { shadowRecordSchema, type ShadowRecord } from '../proxy/route.ts';

/** How the shadow's answers compare with the champion's, over the shadow log. */
export interface ShadowComparison {
  requests: number;
  /** Lines of the log that did not parse (a torn last line), skipped. */
  skippedLines: number;
  releases: { live: string[]; shadow: string[] };
  sameStatus: number;
  shadowErrors: number;
  /** Numbers found at the same place in both answers (other than the releases' own identifiers). */
  numbersCompared: number;
  meanAbsDiff: number;
  maxAbsDiff: number;
  /** Share of compared numbers within 10 % of the champion's. */
  within10Percent: number;
  worst: { requestId: string; path: string; field: string; live: number; shadow: number }[];
}

/** Every pair of numbers at the same JSON path in two answers. */
function pairs(a: unknown, b: unknown, path: string, out: { field: string; live: number; shadow: number }[]): void {
  if (typeof a === 'number' && typeof b === 'number') out.push({ field: path || '.', live: a, shadow: b });
  else if (Array.isArray(a) && Array.isArray(b)) a.forEach((x, i) => pairs(x, b[i], `${path}[${i}]`, out));
  else if (a && b && typeof a === 'object' && typeof b === 'object') for (const [k, v] of Object.entries(a)) pairs(v, (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
}

/** Reads the shadow log (one JSON object per line, schema-checked) and compares the answers. */
export async function compareShadow(logFile: string): Promise<ShadowComparison> {
  const lines = existsSync(logFile) ? (await readFile(logFile, 'utf8')).split('\n').filter(Boolean) : [];
  const records: ShadowRecord[] = [];
  let skippedLines = 0;
  for (const line of lines) {
    const parsed = (() => {
      try {
        return shadowRecordSchema.safeParse(JSON.parse(line));
      } catch {
        return undefined;
      }
    })();
    if (parsed?.success) records.push(parsed.data);
    else skippedLines++;
  }
  const diffs: { requestId: string; path: string; field: string; live: number; shadow: number }[] = [];
  for (const r of records) {
    const found: { field: string; live: number; shadow: number }[] = [];
    if (!r.shadow.error) pairs(r.live.body, r.shadow.body, '', found);
    for (const f of found) diffs.push({ requestId: r.requestId, path: r.path, ...f });
  }
  const abs = diffs.map((d) => Math.abs(d.shadow - d.live));
  return {
    requests: records.length,
    skippedLines,
    releases: { live: [...new Set(records.map((r) => r.live.release))], shadow: [...new Set(records.map((r) => r.shadow.release))] },
    sameStatus: records.filter((r) => r.live.status === r.shadow.status).length,
    shadowErrors: records.filter((r) => r.shadow.error !== undefined || r.shadow.status >= 500).length,
    numbersCompared: diffs.length,
    meanAbsDiff: abs.length ? abs.reduce((s, x) => s + x, 0) / abs.length : 0,
    maxAbsDiff: abs.reduce((m, x) => Math.max(m, x), 0),
    within10Percent: diffs.length ? diffs.filter((d) => Math.abs(d.shadow - d.live) <= 0.1 * Math.max(Math.abs(d.live), 1e-9)).length / diffs.length : 1,
    worst: [...diffs].sort((x, y) => Math.abs(y.shadow - y.live) - Math.abs(x.shadow - x.live)).slice(0, 10),
  };
}

/** The comparison as a self-contained HTML page. */
export function shadowReportHtml(c: ShadowComparison, logFile: string): string {
  return htmlReport(
    'Shadow traffic: challenger against champion',
    [
      {
        heading: 'Summary',
        html: htmlTable(
          ['champion (answered)', 'challenger (shadow)', 'requests', 'same status', 'shadow errors', 'numbers compared', 'mean |diff|', 'max |diff|', 'within 10 %'],
          [[c.releases.live.join(', '), c.releases.shadow.join(', '), c.requests, c.sameStatus, c.shadowErrors, c.numbersCompared, c.meanAbsDiff, c.maxAbsDiff, `${(c.within10Percent * 100).toFixed(1)} %`]],
        ),
      },
      { heading: 'Largest differences', html: htmlTable(['request id', 'path', 'field', 'champion', 'challenger'], c.worst.map((w) => [w.requestId, w.path, w.field, w.live, w.shadow])) },
    ],
    `from ${logFile}${c.skippedLines ? `; ${c.skippedLines} unreadable lines skipped` : ''}`,
  );
}
