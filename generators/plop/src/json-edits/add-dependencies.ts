import { writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { readJsonForEdit } from '../json-file.ts';
import { versionOf } from '../versions.ts';

const dependencyMap = z.record(z.string(), z.string()).optional();
const packageFile = z.looseObject({ dependencies: dependencyMap, devDependencies: dependencyMap });

/**
 * Adds what generated code imports to a package.json (pinned versions, platform packages as `*`),
 * leaving every package it already lists alone. The sections it changes come out sorted, as npm
 * writes them; every other key stays as it was.
 */
export async function addDependencies(file: string, add: { dependencies: readonly string[]; devDependencies: readonly string[] }): Promise<string> {
  const pkg = readJsonForEdit(file, packageFile, 'package.json');
  const current = { dependencies: dependencyMap.parse(pkg['dependencies']), devDependencies: dependencyMap.parse(pkg['devDependencies']) };
  const listed = new Set([...Object.keys(current.dependencies ?? {}), ...Object.keys(current.devDependencies ?? {})]);
  const next = { ...pkg };
  const added: string[] = [];
  for (const section of ['dependencies', 'devDependencies'] as const) {
    const fresh = add[section].filter((n) => !listed.has(n));
    if (fresh.length === 0) continue;
    added.push(...fresh);
    const merged = { ...current[section], ...Object.fromEntries(fresh.map((n) => [n, versionOf(n)])) };
    next[section] = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  if (added.length === 0) return 'already lists every package the stage imports';
  await writeJsonAtomic(file, next);
  return `added ${added.join(', ')}`;
}
