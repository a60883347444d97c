import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArtifactFiles, writeArtifactFiles } from '@cd4ml/model-artifact';

/**
 * Copies the artifact in `from` into a fresh folder after `change` has edited its files, and
 * writes a manifest that matches them: a copy that verifies, so only what the change did is tested.
 * @example await copyArtifact(fixture.model, (files) => files.delete('gates.json'))
 */
export async function copyArtifact(from: string, change: (files: Map<string, Uint8Array | string>) => void): Promise<string> {
  const { files } = await readArtifactFiles(from);
  const edited = new Map<string, Uint8Array | string>(files);
  change(edited);
  const dir = join(await mkdtemp(join(tmpdir(), 'sales-web-artifact-')), 'model');
  await writeArtifactFiles(dir, Object.fromEntries(edited));
  return dir;
}
