import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SimulationError } from './simulation-error.ts';

/** The file that marks a folder as a simulation's, so a rerun may clear it. */
const MARK = '.cd4ml-simulation';

/**
 * A fresh work folder for a simulation: a new one, or the folder of an earlier simulation, cleared
 * (its fed-back outcomes, registry and logs would otherwise leak into this run). Any other folder
 * that holds files is refused: `--out .` must never delete a workspace.
 */
export async function freshSimulationFolder(dir: string): Promise<void> {
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MARK)) {
      throw new SimulationError('BAD_OPTION', `--out ${dir} holds files and is not a simulation's folder (no ${MARK}): choose an empty or new folder; a simulation clears its folder when it starts.`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MARK), 'A simulation works here; it clears this folder when it starts again.\n');
}
