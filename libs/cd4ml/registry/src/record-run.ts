import { join } from 'node:path';
import type { SliceMetrics } from '@cd4ml/evaluation';
import { writeFileAtomic } from '@cd4ml/fs';
import type { ModelCard } from '@cd4ml/model-artifact';
import { writeRun, type RunRecord } from './run-store.ts';

/**
 * Writes the run record of a training run from its model card: params, metrics overall and per
 * slice, both data versions, the code version, the model's sha256, duration and start time; and,
 * when given, its HTML report as `<id>.html` beside it. The id starts with the time, so that `ls`
 * lists runs in order, and ends with the run's content id.
 */
export async function recordRun(runsDir: string, card: ModelCard, slices: readonly SliceMetrics[], artifactDir: string, reportHtml?: string): Promise<RunRecord> {
  const startedAt = new Date(Date.parse(card.createdAt) - card.training.durationMs).toISOString();
  const record: RunRecord = {
    id: `${startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${card.runId}`,
    name: card.name,
    startedAt,
    durationMs: card.training.durationMs,
    params: card.params,
    metrics: card.metrics,
    slices: [...slices],
    rawDataVersion: card.rawDataVersion,
    processedDataVersion: card.processedDataVersion,
    code: card.code,
    modelSha256: card.onnx.sha256,
    modelVersion: card.modelVersion,
    artifactDir,
    tags: { algorithm: card.training.algorithm },
  };
  await writeRun(runsDir, record);
  if (reportHtml) await writeFileAtomic(join(runsDir, `${record.id}.html`), reportHtml);
  return record;
}
