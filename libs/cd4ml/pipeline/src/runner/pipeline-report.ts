import type { PipelineRunRecord } from './run-record.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | null, digits = 4) => (v === null ? 'none' : Number(v.toPrecision(digits)).toString());

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Horizontal bars, one per value, as inline SVG (the page fetches nothing). */
function bars(items: readonly { label: string; value: number; css: string }[]): string {
  const max = items.reduce((m, i) => Math.max(m, i.value), 1e-9);
  const row = 18;
  const body = items
    .map((it, i) => {
      const w = Math.max(1, (it.value / max) * 420);
      return `<text x="0" y="${i * row + 13}" font-size="11">${escape(it.label)}</text><rect class="${it.css}" x="190" y="${i * row + 3}" width="${w.toFixed(1)}" height="12"/><text x="${(196 + w).toFixed(1)}" y="${i * row + 13}" font-size="11">${it.value.toFixed(1)}s</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 680 ${items.length * row + 4}" width="680" role="img">${body}</svg>`;
}

/**
 * The pipeline report: this run's stages (outcome and duration), the failure and its reason, the
 * gates, the versions of code, data, model and release, where it was deployed, and the durations
 * of the recent runs. A self-contained HTML page.
 */
export function pipelineReportHtml(run: PipelineRunRecord, history: readonly PipelineRunRecord[]): string {
  const v = run.results.versions;
  const short = (s: string | undefined) => (s ? escape(s.length > 16 ? s.slice(0, 12) : s) : '–');
  const outcome = (o: string) => `<span class="${o === 'failed' ? 'fail' : o === 'ran' ? 'pass' : 'dim'}">${o}</span>`;
  const sections: [string, string][] = [];
  sections.push([
    'Versions',
    table(
      ['code', 'raw data', 'processed data', 'model', 'release'],
      [[`${short(run.code.commit)}${run.code.dirty ? ' (dirty)' : ''}`, short(v.rawData), short(v.processedData), short(v.model), short(v.release)]],
    ) + (run.results.deployments.length > 0 ? table(['environment', 'url', 'release'], run.results.deployments.map((d) => [escape(d.env), `<a href="${escape(d.url)}">${escape(d.url)}</a>`, short(d.release)])) : ''),
  ]);
  if (run.failure) sections.push([`Stopped at ${run.failure.stage}`, `<pre class="fail">${escape(run.failure.reason.join('\n'))}</pre>`]);
  sections.push([
    'Stages',
    table(
      ['stage', 'outcome', 'seconds', 'what it does'],
      run.stages.map((s) => [escape(s.stage), outcome(s.outcome), s.seconds.toFixed(1), escape(s.description)]),
    ) + bars(run.stages.filter((s) => s.outcome === 'ran' || s.outcome === 'failed').map((s) => ({ label: s.stage, value: s.seconds, css: s.outcome === 'failed' ? 'bf' : 'bp' }))),
  ]);
  const gates = run.results.gates;
  if (gates) {
    sections.push([
      `Gates (${gates.passed ? 'passed' : 'failed'}; ${escape(gates.file)})`,
      table(
        ['gate', 'verdict', 'figure', 'bar', 'summary'],
        gates.results.map((g) => [escape(g.gate), g.passed ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>', num(g.figure), `${escape(g.comparison)} ${num(g.bar)}`, escape(g.summary)]),
      ),
    ]);
  }
  if (history.length > 1) {
    sections.push([
      `Recent runs (${history.length})`,
      bars(history.map((r) => ({ label: `${r.runId.slice(0, 19)} ${r.passed ? '' : '✗'}`, value: r.seconds, css: r.passed ? 'bp' : 'bf' }))) +
        table(
          ['run', 'verdict', 'seconds', 'ran', 'cached'],
          [...history].reverse().map((r) => [escape(r.runId), r.passed ? '<span class="pass">passed</span>' : '<span class="fail">failed</span>', r.seconds.toFixed(1), String(r.stages.filter((s) => s.outcome === 'ran').length), String(r.stages.filter((s) => s.outcome === 'cached').length)]),
        ),
    ]);
  }
  const title = `Pipeline ${run.pipeline}: ${run.passed ? 'passed' : 'failed'}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#24292f}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
.fail{color:#d1242f;font-weight:600}.pass{color:#1a7f37;font-weight:600}.dim{color:#57606a}.bp{fill:#2da44e}.bf{fill:#cf222e}
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto}
</style></head><body>
<h1>${escape(title)}</h1><p class="dim">run ${escape(run.runId)}, started ${escape(run.startedAt)}, ${run.seconds.toFixed(1)} s</p>
${sections.map(([h, html]) => `<section><h2>${escape(h)}</h2>\n${html}</section>`).join('\n')}
</body></html>
`;
}
