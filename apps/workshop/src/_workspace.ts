import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { z } from 'zod';

// Internal to the workshop CLI: where things are in the workspace and how to read them.
export const root = findWorkspaceRoot(process.cwd());
export const at = (...parts: string[]) => join(root, ...parts);

/** Runs a command in the workspace, its output shown; throws with the command line when it fails. */
export function run(command: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`$ ${[command, ...args].join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

/** A command's standard output. */
export const output = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, encoding: 'utf8' });

/** Files of a folder changed since `since` (ms), newest last; none when the folder is missing. */
export function filesSince(dir: string, since: number, suffix = '.json'): string[] {
  if (!existsSync(at(dir))) return [];
  return readdirSync(at(dir))
    .filter((f) => f.endsWith(suffix))
    .map((f) => ({ f: join(dir, f), t: statSync(at(dir, f)).mtimeMs }))
    .filter((x) => x.t >= since)
    .sort((a, b) => a.t - b.t)
    .map((x) => x.f);
}

export const newerThan = (file: string, since: number) => existsSync(at(file)) && statSync(at(file)).mtimeMs >= since;

/** Reads a JSON file of the workspace with a schema, naming the file when it does not fit. */
export async function readJson<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(JSON.parse(await readFile(at(file), 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Production's stable URL: its committed port, or CD4ML_PRODUCTION_PORT as the deploy lib reads it. */
export async function productionUrl(): Promise<string> {
  const { port } = await readJson('environments/production/environment.json', z.object({ port: z.number() }));
  return `http://127.0.0.1:${process.env['CD4ML_PRODUCTION_PORT'] ?? port}`;
}

export const historyEntrySchema = z.object({ at: z.string(), action: z.string(), release: z.string(), model: z.string() });

/** What production did, oldest first (an empty list before its first deploy). */
export async function productionHistory(): Promise<z.infer<typeof historyEntrySchema>[]> {
  const file = 'environments/production/history.json';
  return existsSync(at(file)) ? readJson(file, z.array(historyEntrySchema)) : [];
}

export const modelInfoSchema = z.object({
  modelVersion: z.string(),
  rawDataVersion: z.string(),
  processedDataVersion: z.string(),
  code: z.object({ commit: z.string() }),
  featureSchemaVersion: z.number(),
  gates: z.object({ passed: z.boolean(), results: z.array(z.object({ gate: z.string(), passed: z.boolean() })) }),
});

/** `GET /api/v1/model` of production, or undefined when production does not answer. */
export async function servedModel(): Promise<z.infer<typeof modelInfoSchema> | undefined> {
  try {
    const res = await fetch(`${await productionUrl()}/api/v1/model`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? modelInfoSchema.parse(await res.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** The feature module's names and schema version as the files say now (imported afresh). */
export async function featureModule(): Promise<{ featureNames: string[]; featureSchemaVersion: number }> {
  const url = new URL(`file://${at('libs/sales/features/src/feature-names.ts')}?t=${Date.now()}`);
  const m = z.object({ featureNames: z.array(z.string()), featureSchemaVersion: z.number() }).parse(await import(url.href));
  return { featureNames: [...m.featureNames], featureSchemaVersion: m.featureSchemaVersion };
}
