import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDirAtomic, writeJsonAtomic, writeFileAtomic } from '@cd4ml/fs';
import type { GateResult } from '@cd4ml/evaluation';
import { GATES_FILE, type GateReportFile } from '@cd4ml/model-artifact';
import { registerCandidate } from '@cd4ml/registry';
import { readSalesData } from '../evaluate/sales-data.ts';
import { readParams } from '../params.ts';
import { lookupChampion } from '../registry/champion.ts';
import { modelCardHtml } from '../registry/model-card-html.ts';
import { runSalesGates } from './run-sales-gates.ts';

export { GATES_FILE };
export const MODEL_CARD_HTML = 'model-card.html';

export interface GateOptions {
  /** Artifact written by train. */
  modelDir: string;
  dataDir: string;
  paramsPath: string;
  /** Committed registry file with the aliases (champion, challenger). */
  registryFile: string;
  /** Local content-addressed candidate store. */
  storeDir: string;
  /** The served model: replaced only when every gate passes. */
  outDir: string;
}

/** The gate report; `satisfies` below keeps it in step with the schema the app reads (`gates.json`). */
export interface GateReport {
  name: string;
  modelVersion: string;
  modelSha256: string;
  /** Version of the processed data (train/valid split) the gates measured on. */
  dataVersion: string;
  passed: boolean;
  results: GateResult[];
  /** Set when the candidate passed and was registered. */
  candidate?: { key: string; dir: string };
}

/**
 * Gates the exported artifact. When every gate passes, the candidate is registered in the store
 * (content-addressed, with gates.json and an HTML model card) and `outDir` is atomically replaced
 * by it: `outDir` always holds the latest candidate that passed. When a gate fails, nothing moves.
 */
export async function gateSalesModel(o: GateOptions): Promise<GateReport> {
  const params = await readParams(o.paramsPath);
  const data = await readSalesData(o.dataDir);
  const champion = await lookupChampion(o.registryFile, o.storeDir, data);
  const { results, scored } = await runSalesGates(o.modelDir, data, params.gates, champion);
  const { card } = scored;
  const report: GateReport = {
    name: card.name,
    modelVersion: card.modelVersion,
    modelSha256: card.onnx.sha256,
    dataVersion: data.manifest.dataVersion,
    passed: results.every((r) => r.passed),
    results,
  } satisfies GateReportFile;
  if (!report.passed) return report;
  const extraFiles = { [GATES_FILE]: `${JSON.stringify(report, null, 2)}\n`, [MODEL_CARD_HTML]: modelCardHtml(card, results) };
  report.candidate = await registerCandidate(o.storeDir, o.modelDir, { extraFiles });
  await replaceDirAtomic(o.outDir, async (tmp) => {
    for (const name of await readdir(report.candidate!.dir)) await cp(join(report.candidate!.dir, name), join(tmp, name));
    await writeJsonAtomic(join(tmp, GATES_FILE), report);
  });
  return report;
}

/** Writes a failed report somewhere visible without touching the served model. */
export async function writeRejected(path: string, report: GateReport): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
}
