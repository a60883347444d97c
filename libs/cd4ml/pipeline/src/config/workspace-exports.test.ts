import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceProjects } from './workspace-projects.ts';

describe('this workspace', () => {
  it('every package exports only files that exist', () => {
    const root = findWorkspaceRoot(import.meta.dirname);
    const missing = [...loadWorkspaceProjects(root).values()].flatMap((p) => Object.values(p.exports).filter((f) => !existsSync(join(root, p.root, f))).map((f) => `${p.packageName}: ${f}`));
    expect(missing).toEqual([]);
  });
});
