import type { GateResult } from '@cd4ml/evaluation';
import type { ModelCard } from '@cd4ml/model-artifact';
import { htmlReport, htmlTable } from '@cd4ml/report';

const num = (v: unknown) => (typeof v === 'number' ? v : String(v));

/** The model card as a page: identity, lineage, metrics, gate results and hyperparameters. */
export function modelCardHtml(card: ModelCard, gates: readonly GateResult[]): string {
  const metrics = Object.entries(card.metrics).flatMap(([name, m]) =>
    typeof m === 'object' && m !== null ? [[name, ...['nwrmsle', 'rmsle', 'mae', 'wape', 'bias', 'r2', 'rows'].map((k) => num((m as Record<string, unknown>)[k]))]] : [],
  );
  return htmlReport(`Model card: ${card.name} ${card.modelVersion}`, [
    {
      heading: 'Identity and lineage',
      html: htmlTable(['field', 'value'], [
        ['model version', card.modelVersion],
        ['run id', card.runId],
        ['created', card.createdAt],
        ['model.onnx sha256', card.onnx.sha256],
        ['data version', card.dataVersion],
        ['code', `${card.code.commit}${card.code.dirty ? ' (dirty)' : ''}`],
        ['feature schema', `v${card.featureSchemaVersion}: ${card.featureNames.join(', ')}`],
        ['target', card.target],
      ]),
    },
    { heading: 'Metrics on the validation window', html: htmlTable(['model', 'NWRMSLE', 'RMSLE', 'MAE', 'WAPE', 'bias', 'R²', 'rows'], metrics) },
    {
      heading: 'Gates',
      html: htmlTable(
        ['gate', 'result', 'figure', 'bar', 'why'],
        gates.map((g) => [g.gate, { html: g.passed ? '<span class="pass">passed</span>' : '<span class="fail">FAILED</span>' }, g.figure, `${g.comparison} ${g.bar}`, g.summary]),
      ),
    },
    { heading: 'Params', html: `<pre>${JSON.stringify(card.params, null, 2).replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>` },
  ], 'Intended use: daily unit-sales forecasts per store and item, up to the horizon of the holiday calendar. Known limits: see docs/training.md.');
}
