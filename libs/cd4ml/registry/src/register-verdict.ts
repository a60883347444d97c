import { rm } from 'node:fs/promises';
import { writeJsonAtomic } from '@cd4ml/fs';
import { GATES_FILE, writeArtifactFiles, type GateReport } from '@cd4ml/model-artifact';
import { registerCandidate } from './candidate-store.ts';

/** Where a failed gate report goes, beside the served model, which it leaves alone. */
export const rejectedPath = (servedDir: string) => `${servedDir}.rejected.json`;

/**
 * Acts on a gate report. When every gate passed, the candidate is registered in the store
 * (content-addressed, with `gates.json` and `extraFiles`) and `servedDir` is atomically replaced by
 * it: it always holds the latest candidate that passed. When a gate failed, the report goes to
 * `<servedDir>.rejected.json` and nothing else moves.
 *
 * @returns the report, with `candidate` set when it was registered
 */
export async function registerVerdict(o: { artifactDir: string; servedDir: string; storeDir: string; report: GateReport; extraFiles?: Readonly<Record<string, string>> }): Promise<GateReport> {
  if (!o.report.passed) {
    await writeJsonAtomic(rejectedPath(o.servedDir), o.report);
    return o.report;
  }
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  const candidate = await registerCandidate(o.storeDir, o.artifactDir, { ...o.extraFiles, [GATES_FILE]: json(o.report) });
  const report: GateReport = { ...o.report, candidate: { key: candidate.key, dir: candidate.dir } };
  await writeArtifactFiles(o.servedDir, { ...Object.fromEntries(candidate.files), [GATES_FILE]: json(report) });
  // A rejection left by an earlier failed run no longer describes the served model.
  await rm(rejectedPath(o.servedDir), { force: true });
  return report;
}
