import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileAtomic } from '@cd4ml/fs';
import { pipelineReportHtml } from './pipeline-report.ts';
import type { PipelineRun } from './run-pipeline.ts';
import { newRunId, recentRunRecords, writeRunRecord, type PipelineRunRecord } from './run-record.ts';
import { readStageResults } from './stage-results.ts';

/** Where the runner keeps its run records and report, relative to the workspace root. */
export const DEFAULT_RECORDS_DIR = 'dist/pipeline';

/** The git commit of the workspace and whether tracked files have changes; "unknown" outside git. */
function codeVersion(cwd: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

/**
 * Writes the run record (`<records>/runs/<runId>.json`, schema-checked) and the HTML pipeline
 * report (`<records>/report.html`: this run, its gates and versions, and the recent runs).
 * @returns the record and both paths
 */
export async function recordRun(workspaceRoot: string, run: PipelineRun, o: { startedAt: Date; seconds: number; recordsDir?: string }): Promise<{ record: PipelineRunRecord; recordPath: string; reportPath: string }> {
  const recordsDir = join(workspaceRoot, o.recordsDir ?? DEFAULT_RECORDS_DIR);
  const outs = run.stages.flatMap((s) => (s.out ? [s.out] : []));
  const record: PipelineRunRecord = {
    runId: newRunId(o.startedAt),
    pipeline: run.pipeline,
    startedAt: o.startedAt.toISOString(),
    seconds: o.seconds,
    passed: run.code === 0 && !run.failure,
    code: codeVersion(workspaceRoot),
    stages: run.rows,
    otherTasks: run.otherTasks,
    ...(run.failure ? { failure: run.failure } : {}),
    results: await readStageResults(workspaceRoot, outs, o.startedAt.getTime()),
  };
  const recordPath = await writeRunRecord(recordsDir, record);
  const { records } = await recentRunRecords(recordsDir);
  const reportPath = join(recordsDir, 'report.html');
  await writeFileAtomic(reportPath, pipelineReportHtml(record, records));
  return { record, recordPath, reportPath };
}
