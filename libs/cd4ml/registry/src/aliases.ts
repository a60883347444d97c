import { FileError, readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { RegistryError } from './registry-error.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

const entrySchema = z.object({
  /** sha256 of the model file: the candidate's content address. */
  key: sha256,
  modelVersion: z.string().min(1),
  /** The primary metric when it was promoted: what the ratchet compares against when the candidate itself is not on this machine. */
  metric: z.object({ name: z.string(), value: z.number() }).optional(),
  rawDataVersion: sha256.optional(),
  /** The processed data the metric was measured on; the ratchet uses the metric only on the same data. */
  processedDataVersion: sha256.optional(),
  codeCommit: z.string().optional(),
  at: z.iso.datetime({ offset: true }),
  note: z.string().optional(),
});
export type AliasEntry = z.infer<typeof entrySchema>;

const registrySchema = z.object({
  name: z.string().min(1),
  aliases: z.record(z.string(), entrySchema),
  history: z.array(z.object({ action: z.enum(['promote', 'rollback']), alias: z.string(), entry: entrySchema, previous: entrySchema.nullable() })),
});
/** The committed registry file: aliases (champion, challenger, ...) and every move they made. */
export type RegistryFile = z.infer<typeof registrySchema>;

/**
 * Reads the registry file; a missing file is an empty registry (a fresh project has no champion).
 * A file that exists but is unreadable or malformed is an error that names it and the field.
 */
export async function readRegistry(path: string, name = 'model'): Promise<RegistryFile> {
  try {
    return await readJsonFile(path, registrySchema, { what: 'registry file' });
  } catch (error) {
    if (error instanceof FileError && error.code === 'FILE_MISSING') return { name, aliases: {}, history: [] };
    throw new RegistryError('INVALID', `${(error as Error).message}\nRestore it from git (git checkout -- ${path}).`);
  }
}

/** Points `alias` at `entry` and records the move; returns the updated registry. */
export async function promote(path: string, alias: string, entry: AliasEntry, name?: string): Promise<RegistryFile> {
  const reg = await readRegistry(path, name);
  reg.history.push({ action: 'promote', alias, entry, previous: reg.aliases[alias] ?? null });
  reg.aliases[alias] = entry;
  await writeJsonAtomic(path, reg);
  return reg;
}

/**
 * Moves `alias` back to the model it pointed at before its current one was promoted. Repeated
 * rollbacks walk further back through the promotions.
 */
export async function rollback(path: string, alias: string): Promise<RegistryFile> {
  const reg = await readRegistry(path);
  const current = reg.aliases[alias];
  if (!current) throw new RegistryError('NOTHING_TO_ROLL_BACK', `alias ${alias} is not set in ${path}: nothing to roll back`);
  const promotions = reg.history.filter((h) => h.alias === alias && h.action === 'promote').map((h) => h.entry);
  let i = promotions.map((e) => e.key).lastIndexOf(current.key);
  while (i > 0 && promotions[i - 1]!.key === current.key) i -= 1;
  const target = i > 0 ? promotions[i - 1] : undefined;
  if (!target) throw new RegistryError('NOTHING_TO_ROLL_BACK', `alias ${alias} has no earlier model to roll back to in ${path}`);
  reg.history.push({ action: 'rollback', alias, entry: target, previous: current });
  reg.aliases[alias] = target;
  await writeJsonAtomic(path, reg);
  return reg;
}
