import { formatFigure, type GateResult, type MetricSet } from '@cd4ml/evaluation';
import type { ModelCard } from '@cd4ml/model-artifact';
import { htmlReport, htmlTable } from '@cd4ml/report';

/** The model card as a page: identity, lineage, metrics, gate results and hyperparameters. */
export function modelCardHtml(card: ModelCard, gates: readonly GateResult[]): string {
  const m = card.metrics;
  const names = Object.keys(m.validation);
  const row = (label: string, set: MetricSet) => [label, ...names.map((k) => set[k] ?? Number.NaN)];
  return htmlReport(`Model card: ${card.name} ${card.modelVersion}`, [
    {
      heading: 'Identity and lineage',
      html: htmlTable(['field', 'value'], [
        ['model version', card.modelVersion],
        ['run id', card.runId],
        ['created', card.createdAt],
        ['model.onnx sha256', card.onnx.sha256],
        ['raw data version', card.rawDataVersion],
        ['processed data version', card.processedDataVersion],
        ['code', `${card.code.commit}${card.code.dirty ? ' (dirty)' : ''}`],
        ['feature schema', `v${card.featureSchemaVersion}: ${card.featureNames.join(', ')}`],
        ['target', card.target],
      ]),
    },
    {
      heading: `Metrics on the validation window (${m.label}: ${m.description})`,
      html: htmlTable(['model', ...names], [row(`${card.name} (ONNX)`, m.validation), ...Object.entries(m.baselines).map(([name, set]) => row(name, set))]),
    },
    {
      heading: 'Gates',
      html: htmlTable(
        ['gate', 'result', 'figure', 'bar', 'why'],
        gates.map((g) => [g.gate, { html: g.passed ? '<span class="pass">passed</span>' : '<span class="fail">FAILED</span>' }, formatFigure(g.figure), `${g.comparison} ${formatFigure(g.bar)}`, g.summary]),
      ),
    },
    { heading: 'Params', html: `<pre>${JSON.stringify(card.params, null, 2).replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>` },
  ], 'Intended use: daily unit-sales forecasts per store and item, up to the horizon of the holiday calendar. Known limits: see docs/training.md.');
}
