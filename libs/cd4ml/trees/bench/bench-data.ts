// BENCH ONLY: the matrices vs-sklearn.ts times, and the Python it needs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sliceRows, syntheticData } from '../src/synthetic.ts';
import { writeMatrixFile } from './matrix-file.ts';

export const root = resolve(import.meta.dirname, '../../../..');
export const tsx = join(root, 'node_modules/.bin/tsx');
export const python = '/usr/bin/python3';
const here = import.meta.dirname;

/** Runs a command from the repo root, its output on stderr (stdout stays for the report). */
function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/**
 * The sales feature matrix of `stores` x `items` (the sales generator, ingest, then
 * bench/sales-matrix.ts), made once under `dir` and reused: the generator is seeded.
 */
export function salesMatrix(stores: number, items: number, dir: string): string {
  const name = `sales-${stores}x${items}`;
  const file = join(dir, `${name}.mx`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const raw = join(dir, `${name}-raw`);
  const processed = join(dir, `${name}-processed`);
  console.error(`bench: building ${file} (generate, ingest, features)...`);
  run(tsx, ['libs/sales/data/src/generate/cli.ts', '--out', raw, '--stores', String(stores), '--items', String(items)]);
  run(tsx, ['libs/sales/data/src/ingest/cli.ts', '--raw', raw, '--out', processed]);
  run(tsx, [join(here, 'sales-matrix.ts'), '--data', processed, '--out', file]);
  return file;
}

/** A synthetic matrix (src/synthetic.ts, 20 features) of `rows` training rows plus 10% validation rows. */
export async function syntheticMatrix(rows: number, dir: string): Promise<string> {
  const file = join(dir, `synthetic-${rows}.mx`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const nValid = Math.ceil(rows / 10);
  const { x, y } = syntheticData(rows + nValid, 20, 1);
  const names = Array.from({ length: 20 }, (_, i) => `f${i}`);
  await writeMatrixFile(file, { featureNames: names, source: `synthetic data (src/synthetic.ts), ${rows} rows`, train: sliceRows(x, y, 0, rows), valid: sliceRows(x, y, rows, rows + nValid) });
  return file;
}

/** sklearn's and numpy's versions, installing Debian's python3-sklearn when missing and root; null when unavailable. */
export function ensureSklearn(): string | null {
  const probe = () => {
    try {
      return execFileSync(python, ['-c', 'import sklearn, numpy, threadpoolctl; print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}")'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const found = probe();
  if (found || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return found;
  console.error("bench: scikit-learn not found; installing Debian's python3-sklearn (apt-get install -y python3-sklearn python3-threadpoolctl)...");
  const pkgs = 'python3-sklearn python3-threadpoolctl';
  spawnSync('sh', ['-c', `apt-get install -y -qq ${pkgs} || (apt-get update -qq && apt-get install -y -qq ${pkgs})`], { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return probe();
}
