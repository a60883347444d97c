import { barChart, escapeHtml, htmlReport, htmlTable, lineChart, type ReportSection } from '@cd4ml/report';
import type { ValidationResult } from './validate-snapshot.ts';

const BADGE = { pass: '✔ pass', fail: '✘ FAIL', skip: '– skip' } as const;

/**
 * The HTML data report of a validation: the checks with their details, then plots of the current
 * profile against the previous snapshot's (unit_sales distribution, family mix). Offline: inline SVG.
 */
export function validationReportHtml(r: ValidationResult): string {
  const rows = r.checks.map((c) => [
    c.check,
    { html: `<strong>${BADGE[c.status]}</strong>` },
    { html: `${escapeHtml(c.summary)}${c.details.length ? `<pre>${escapeHtml(c.details.join('\n'))}</pre>` : ''}` },
  ]);
  const sections: ReportSection[] = [{ heading: r.ok ? 'All checks pass' : `${r.checks.filter((c) => c.status === 'fail').length} check(s) failed`, html: htmlTable(['check', 'status', 'what was checked'], rows) }];
  const p = r.profile;
  const b = r.baselineProfile;
  const bins = (shares: readonly number[]) => shares.map((s, i) => [i / 2, s] as const);
  if (p.rows > 0) {
    sections.push({
      heading: 'Distribution of log1p(unit_sales)',
      html: lineChart(
        [{ name: 'this snapshot', points: bins(p.unitSalesBins) }, ...(b ? [{ name: 'previous snapshot', points: bins(b.unitSalesBins) }] : [])],
        { title: 'share of rows by log1p(unit_sales)', xLabel: 'log1p(unit_sales)', yLabel: 'share of rows' },
      ),
    });
    sections.push({
      heading: 'Family mix',
      html: barChart(
        Object.entries(p.familyShare).map(([label, value]) => ({ label, value, highlight: b ? Math.abs(value - (b.familyShare[label] ?? 0)) > 0.02 : false })),
        { title: 'share of rows by family (highlighted: moved by more than 2 points)', yLabel: 'share' },
      ),
    });
    sections.push({
      heading: 'Profile',
      html: htmlTable(
        ['figure', 'this snapshot', 'previous snapshot'],
        [
          ['rows', p.rows, b?.rows ?? '–'],
          ['dates', `${p.firstDate} .. ${p.lastDate}`, b ? `${b.firstDate} .. ${b.lastDate}` : '–'],
          ['promotion rate', p.promoRate, b?.promoRate ?? '–'],
          ['return rate', p.returnRate, b?.returnRate ?? '–'],
        ],
      ),
    });
  }
  const subtitle = `raw data ${r.rawDataVersion?.slice(0, 12) ?? '(no manifest)'}; previous snapshot ${r.baselineDataVersion?.slice(0, 12) ?? '(none)'}`;
  return htmlReport('Data validation', sections, subtitle);
}

/** A plain-text summary for the terminal: one line per check, details under failures. */
export function validationSummary(r: ValidationResult): string {
  const lines = r.checks.map((c) => `${BADGE[c.status].padEnd(7)} ${c.check.padEnd(12)} ${c.summary}${c.status === 'fail' ? `\n${c.details.map((d) => `          ${d}`).join('\n')}` : ''}`);
  return lines.join('\n');
}
