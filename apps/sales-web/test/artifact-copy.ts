import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArtifactFiles, writeArtifactFiles } from '@cd4ml/model-artifact';
import { z } from 'zod';

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

/**
 * For {@link copyArtifact}: adds 0.3 to the mean log sales of the first holdout row's item in
 * model.json, like one flipped digit. The copy's manifest matches: only the holdout replay can tell.
 */
export function alterFirstItemMean(files: Map<string, Uint8Array | string>): void {
  const text = (name: string) => Buffer.from(files.get(name)!).toString('utf8');
  const holdout = z.array(z.object({ input: z.object({ item_nbr: z.number() }) })).parse(JSON.parse(text('holdout.json')));
  const card = z.looseObject({ spec: z.looseObject({ stats: z.looseObject({ items: z.record(z.string(), z.tuple([z.number(), z.array(z.number()), z.number(), z.number()])) }) }) }).parse(JSON.parse(text('model.json')));
  card.spec.stats.items[String(holdout[0]!.input.item_nbr)]![0] += 0.3;
  files.set('model.json', JSON.stringify(card));
}
