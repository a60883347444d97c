import { join } from 'node:path';
import { writeFileAtomic } from '@cd4ml/fs';
import type { SliceMetrics } from '@cd4ml/evaluation';
import type { ModelCard } from '@cd4ml/model-artifact';
import { writeRun, type RunRecord } from '@cd4ml/registry';

/** The default tracking store: one small JSON file per training run (gitignored, local, like mlruns/). */
export const DEFAULT_RUNS_DIR = 'registry/runs';

/**
 * Writes the run record of a training run: params, metrics overall and per slice, data version,
 * code version, model sha256, duration and start time; and, when given, its HTML report as
 * `<id>.html` beside it. The id starts with the time so that
 * `ls` lists runs in order, and ends with the run's content id.
 */
export async function recordRun(runsDir: string, card: ModelCard, slices: SliceMetrics[], artifactDir: string, reportHtml?: string): Promise<RunRecord> {
  const training = card.training as { durationMs: number };
  const startedAt = new Date(Date.parse(card.createdAt) - training.durationMs).toISOString();
  const record: RunRecord = {
    id: `${startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${card.runId}`,
    name: card.name,
    startedAt,
    durationMs: training.durationMs,
    params: card.params,
    metrics: card.metrics,
    slices,
    dataVersion: card.dataVersion,
    code: card.code,
    modelSha256: card.onnx.sha256,
    modelVersion: card.modelVersion,
    artifactDir,
    tags: { algorithm: String((card.training as { algorithm?: string }).algorithm ?? '') },
  };
  await writeRun(runsDir, record);
  // The run's HTML report (predicted vs actual, error by slice, importance, learning curve) sits beside its record.
  if (reportHtml) await writeFileAtomic(join(runsDir, `${record.id}.html`), reportHtml);
  return record;
}
