// BENCH ONLY: the matrices vs-sklearn.ts times, and the Python it needs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sliceRows, syntheticData } from '../src/synthetic.ts';
import { writeMatrixFile } from './matrix-file.ts';

export const root = resolve(import.meta.dirname, '../../../..');
export const tsx = join(root, 'node_modules/.bin/tsx');
export const python = '/usr/bin/python3';

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
