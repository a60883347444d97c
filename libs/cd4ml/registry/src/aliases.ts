import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '@cd4ml/data';
import { z } from 'zod';
import { RegistryError } from './candidate-store.ts';

const entrySchema = z.object({
  /** sha256 of the model file: the candidate's content address. */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  modelVersion: z.string(),
  /** The figure the ratchet compares against when the candidate itself is not on this machine. */
  metric: z.object({ name: z.string(), value: z.number() }).optional(),
  dataVersion: z.string().optional(),
  codeCommit: z.string().optional(),
  at: z.string(),
  note: z.string().optional(),
});
export type AliasEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({
  name: z.string(),
  aliases: z.record(z.string(), entrySchema),
  history: z.array(z.object({ action: z.enum(['promote', 'rollback']), alias: z.string(), entry: entrySchema, previous: entrySchema.nullable() })),
});
/** The committed registry file: aliases (champion, challenger, ...) and every move they made. */
export type RegistryFile = z.infer<typeof fileSchema>;

/** Reads the registry file; a missing file is an empty registry (a fresh project has no champion). */
export async function readRegistry(path: string, name = 'model'): Promise<RegistryFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { name, aliases: {}, history: [] };
  }
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new RegistryError('INVALID', `${path} is not a valid registry file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
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
