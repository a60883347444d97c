// Benchmark, never a test: the tree trainer against scikit-learn on the sales model's own feature
// matrix at both sizes of the issue: about 151k training rows (1 store, 300 items; minutes) and
// 4.7M (10 stores, 1,000 items; over an hour on 2 cores; --sizes 1x300 skips it). Builds each
// matrix once under --dir (the seeded generator, ingest, then sales-matrix.ts), then runs the
// platform's comparison (libs/cd4ml/trees/bench/vs-sklearn.ts) on them.
//   npx tsx libs/sales/model/bench/trees-vs-sklearn.ts --out dist/bench/trees/vs-sklearn.md
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { integer, runMain } from '@cd4ml/cli';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';

const root = findWorkspaceRoot(import.meta.dirname);
const tsx = join(root, 'node_modules/.bin/tsx');

type Size = [stores: number, items: number];
const defaultSizes: Size[] = [
  [1, 300],
  [10, 1000],
];

const program = new Command('trees-vs-sklearn')
  .description("Time the tree trainer against scikit-learn's HistGradientBoostingRegressor on the sales feature matrix at two sizes.")
  .option('--sizes <list>', 'matrix sizes as STORESxITEMS, comma-separated (default 1x300,10x1000; 1x300 alone takes minutes)', sizes, defaultSizes)
  .option('--dir <dir>', 'where the matrices are built once and kept', 'dist/bench/trees')
  .option('--out <file>', 'also write the report (markdown) there')
  .option('--runs <n>', 'runs per setting, alternating', integer({ min: 1 }), 3);

function sizes(value: string): Size[] {
  return value.split(',').map((spec) => {
    const m = /^(\d+)x(\d+)$/.exec(spec.trim());
    if (!m) throw new InvalidArgumentError(`takes STORESxITEMS, comma-separated (e.g. 1x300,10x1000); got ${spec}`);
    return [Number(m[1]), Number(m[2])];
  });
}

/** Runs a command from the workspace root with its output on stderr (stdout stays for the report). */
function run(args: string[], stdout: 'inherit' | 2 = 2): void {
  const r = spawnSync(tsx, args, { cwd: root, stdio: ['ignore', stdout, 2] });
  if (r.status !== 0) throw new Error(`bench: tsx ${args.join(' ')} failed (exit ${r.status})`);
}

/** The sales feature matrix of `stores` x `items`, made once under `dir`: the generator is seeded. */
function salesMatrix(stores: number, items: number, dir: string): string {
  const name = `sales-${stores}x${items}`;
  const file = join(dir, `${name}.mx`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  console.error(`bench: building ${file} (generate, ingest, features)...`);
  run(['libs/sales/data/src/generate/cli.ts', '--out', join(dir, `${name}-raw`), '--stores', String(stores), '--items', String(items)]);
  run(['libs/sales/data/src/ingest/cli.ts', '--raw', join(dir, `${name}-raw`), '--out', join(dir, `${name}-processed`)]);
  run([join(import.meta.dirname, 'sales-matrix.ts'), '--data', join(dir, `${name}-processed`), '--out', file]);
  return file;
}

await runMain(() => {
  const o = program.parse().opts();
  const dir = join(root, o.dir);
  const matrices = o.sizes.map(([stores, items]) => salesMatrix(stores, items, dir));
  run(['libs/cd4ml/trees/bench/vs-sklearn.ts', ...matrices.flatMap((m) => ['--matrix', m]), '--runs', String(o.runs), ...(o.out ? ['--out', o.out] : [])], 'inherit');
});
