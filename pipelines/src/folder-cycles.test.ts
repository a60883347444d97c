import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { source } from './workspace-copy.ts';

// Lint's import-x/no-cycle sees modules only: sales-model's train/ and evaluate/ imported each other
// through different files (train -> evaluate/sales-data, evaluate/backtest -> train) with no module
// cycle at all. Here each folder under a project's src/ (a stage, a feature) is one node, and the
// arrows between them must not loop. Tests and test support import everything and are left out.

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8' }).split('\n');
const projects = tracked.filter((f) => f.endsWith('/package.json') && !f.includes('/templates/')).map((f) => dirname(f));

/** `src/<folder>` for a file in a folder of src/, else the file itself (`src/params.ts`). */
const nodeOf = (path: string) => path.split('/').slice(0, 2).join('/');

/** Each project's arrows between its src/ folders, from the relative imports of its code. */
function folderGraphs(): Map<string, Map<string, Set<string>>> {
  const graphs = new Map<string, Map<string, Set<string>>>();
  for (const root of projects) {
    const graph = new Map<string, Set<string>>();
    const code = tracked.filter((f) => f.startsWith(`${root}/src/`) && f.endsWith('.ts') && !/\.test\.ts$|\/test-support\//.test(f));
    for (const file of code) {
      const from = nodeOf(posix.relative(root, file));
      for (const { fileName } of ts.preProcessFile(readFileSync(join(source, file), 'utf8'), true, true).importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const to = nodeOf(posix.relative(root, posix.join(posix.dirname(file), fileName)));
        if (to !== from && to.startsWith('src/')) graph.set(from, (graph.get(from) ?? new Set()).add(to));
      }
    }
    graphs.set(root, graph);
  }
  return graphs;
}

/** The strongly connected parts of more than one node (Tarjan), each sorted. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part = stack.splice(stack.indexOf(v));
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the packages of the workspace', () => {
  it('depend on each other without cycles (lint checks cycles inside a package only)', () => {
    const names = new Map(projects.map((root) => [JSON.parse(readFileSync(join(source, root, 'package.json'), 'utf8')).name as string, root]));
    const graph = new Map<string, Set<string>>();
    for (const [name, root] of names) {
      const pkg = JSON.parse(readFileSync(join(source, root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      graph.set(name, new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => names.has(d))));
    }
    expect(cycles(graph)).toEqual([]);
    graph.get('@cd4ml/fs')!.add('@cd4ml/deploy');
    expect(cycles(graph)).toEqual([expect.arrayContaining(['@cd4ml/deploy', '@cd4ml/fs'])]);
  });
});

describe('the folders of each project', () => {
  it('import each other without cycles: a cycle means a module is missing', () => {
    const found = [...folderGraphs()].flatMap(([root, graph]) => cycles(graph).map((c) => `${root}: ${c.join(' -> ')}`));
    expect(found).toEqual([]);
  });

  it('are read right: the cycle sales-model had is found when put back', () => {
    const graph = folderGraphs().get('libs/sales/model')!;
    expect(cycles(graph)).toEqual([]);
    graph.get('src/train')!.add('src/evaluate');
    expect(cycles(graph)).toEqual([['src/evaluate', 'src/train']]);
  });
});
