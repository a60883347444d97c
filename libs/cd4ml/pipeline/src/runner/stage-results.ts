import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { z } from 'zod';

// The reports the runner looks for in the stages' output folders. Only the fields the pipeline
// report shows are parsed (loose objects): the writers' own schemas stay theirs.
const gateResult = z.object({ gate: z.string(), passed: z.boolean(), figure: z.number().nullable(), bar: z.number().nullable(), comparison: z.string(), summary: z.string() });
const gateReport = z.looseObject({ name: z.string(), modelVersion: z.string(), rawDataVersion: z.string(), processedDataVersion: z.string(), passed: z.boolean(), results: z.array(gateResult) });
const releasePointer = z.looseObject({ id: z.string(), dir: z.string() });
const deployment = z.looseObject({ env: z.string(), url: z.string(), release: z.string() });

export const stageResultsSchema = z.object({
  /** The gate report of the latest gate stage: `gates.json` in its output, or the rejected one beside it. */
  gates: z.object({ file: z.string(), passed: z.boolean(), results: z.array(gateResult) }).optional(),
  versions: z.object({ model: z.string().optional(), rawData: z.string().optional(), processedData: z.string().optional(), release: z.string().optional() }),
  deployments: z.array(z.object({ env: z.string(), url: z.string(), release: z.string() })),
});
export type StageResults = z.infer<typeof stageResultsSchema>;

/**
 * What the stages left for the pipeline report, by convention of the platform's writers:
 * `gates.json` in a gate stage's output (or `<out>.rejected.json` beside it when a gate failed in
 * this run), `release.json` in a package stage's output, `deployment.json` in a deploy stage's.
 * An unreadable file is skipped: the run record must be written even when a stage left junk.
 *
 * @param outs the stages' output folders, in pipeline order, workspace-relative
 * @param since the run's start (ms since the epoch): older rejected reports belong to earlier runs
 */
export async function readStageResults(workspaceRoot: string, outs: readonly string[], since: number): Promise<StageResults> {
  const results: StageResults = { versions: {}, deployments: [] };
  const read = async <S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S> | undefined> => {
    const path = join(workspaceRoot, file);
    if (!existsSync(path)) return undefined;
    return readJsonFile(path, schema).catch(() => undefined);
  };
  for (const out of outs) {
    const rejectedFile = `${out}.rejected.json`;
    const fresh = existsSync(join(workspaceRoot, rejectedFile)) && statSync(join(workspaceRoot, rejectedFile)).mtimeMs >= since;
    const file = fresh ? rejectedFile : join(out, 'gates.json');
    const gates = await read(file, gateReport);
    if (gates) {
      results.gates = { file, passed: gates.passed, results: gates.results };
      results.versions = { ...results.versions, model: gates.modelVersion, rawData: gates.rawDataVersion, processedData: gates.processedDataVersion };
    }
    const release = await read(join(out, 'release.json'), releasePointer);
    if (release) results.versions.release = release.id;
    const deployed = await read(join(out, 'deployment.json'), deployment);
    if (deployed) results.deployments.push({ env: deployed.env, url: deployed.url, release: deployed.release });
  }
  return results;
}
