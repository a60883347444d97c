import { escapeHtml } from './escape-html.ts';

export interface ReportSection {
  heading: string;
  /** Trusted HTML: charts from this lib, or tables built with {@link htmlTable}. */
  html: string;
}

/** A self-contained HTML page (inline CSS and SVG, nothing fetched), readable offline from a file. */
export function htmlReport(title: string, sections: readonly ReportSection[], subtitle = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#24292f}
h1{margin-bottom:.2rem}.sub{color:#57606a;margin-top:0}section{margin:2rem 0}
table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.fail{color:#d1242f;font-weight:600}.pass{color:#1a7f37;font-weight:600}
svg{max-width:100%;height:auto}
</style></head><body>
<h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p>
${sections.map((s) => `<section><h2>${escapeHtml(s.heading)}</h2>\n${s.html}</section>`).join('\n')}
</body></html>
`;
}

/** A table; numbers are right-aligned, and a cell of `{ html }` is inserted as is. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly (string | number | { html: string })[])[]): string {
  const cell = (v: string | number | { html: string }) =>
    typeof v === 'object' ? `<td>${v.html}</td>` : typeof v === 'number' ? `<td class="num">${escapeHtml(Number.isInteger(v) ? v : v.toFixed(4))}</td>` : `<td>${escapeHtml(v)}</td>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}
