// Benchmark, never a test: trainGbt against scikit-learn's HistGradientBoostingRegressor on the same
// feature matrix, fit alone, same rows, iterations, leaves, depth, bins and L2, early stopping off.
// Each fit runs in its own process, in alternating order (ours, then sklearn, then the other way
// round on the next run), on 1 and 2 threads; the table shows medians and ratios.
//   npx tsx libs/cd4ml/trees/bench/vs-sklearn.ts --help
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSklearn, python, root, syntheticMatrix, tsx } from './bench-data.ts';
import type { FitOptions, FitResult } from './fit-options.ts';

const usage = `usage: npx tsx libs/cd4ml/trees/bench/vs-sklearn.ts [options]
  --matrix FILE    a matrix file written by bench/matrix-file.ts (repeatable), e.g. a domain's own
                   feature matrix, written by that domain's bench
  --synthetic N    a synthetic matrix of N rows (src/synthetic.ts; repeatable; default 150000)
  --runs N         runs per setting, alternating (default 3)
  --threads LIST   thread counts (default 1,2)
  --iterations N   boosting iterations (default 300)
  --dir DIR        where matrices are kept (default dist/bench/trees)
  --out FILE       also write the report (markdown) there
Without scikit-learn (Debian's python3-sklearn, installed when root), only this library is timed.`;

const { values: a } = parseArgs({
  options: {
    matrix: { type: 'string', multiple: true },
    synthetic: { type: 'string', multiple: true },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1,2' },
    iterations: { type: 'string', default: '300' },
    dir: { type: 'string', default: 'dist/bench/trees' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const int = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench: ${name} must be a positive integer, got ${v}\n${usage}`);
  return n;
};

function fit(kind: 'ts' | 'sklearn', file: string, o: FitOptions): FitResult {
  const env = { ...process.env, OMP_NUM_THREADS: String(o.threads) };
  const cmd = kind === 'ts' ? [tsx, join(import.meta.dirname, 'ts-fit.ts')] : [python, join(import.meta.dirname, 'sklearn-fit.py')];
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), file, JSON.stringify(o)], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench: ${kind} fit on ${file} failed (exit ${r.status}): ${r.stdout}`);
  return JSON.parse(line) as FitResult;
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const f = (v: number | undefined, d = 2) => (v === undefined ? 'n/a' : v.toFixed(d));

async function main(): Promise<void> {
  if (a.help) {
    console.log(usage);
    return;
  }
  const runs = int('--runs', a.runs);
  const iterations = int('--iterations', a.iterations);
  const threadList = a.threads.split(',').map((t) => int('--threads', t));
  const dir = join(root, a.dir);
  const files: string[] = [...(a.matrix ?? [])];
  for (const n of a.synthetic ?? []) files.push(await syntheticMatrix(int('--synthetic', n), dir));
  if (files.length === 0) files.push(await syntheticMatrix(150_000, dir));
  const sklearn = ensureSklearn();
  if (!sklearn) console.error("bench: scikit-learn is not available (install Debian's python3-sklearn as root); timing this library alone.");
  const load0 = loadavg();

  const rows: string[] = [];
  const notes: string[] = [];
  for (const file of files) {
    for (const threads of threadList) {
      const o: FitOptions = { threads, maxIter: iterations, learningRate: 0.08, maxLeaves: 63, maxDepth: 8, minSamplesLeaf: 20, l2: 1, maxBins: 255, seed: 42 };
      const ours: FitResult[] = [];
      const theirs: FitResult[] = [];
      for (let r = 0; r < runs; r++) {
        const order: ('ts' | 'sklearn')[] = r % 2 === 0 ? ['ts', 'sklearn'] : ['sklearn', 'ts'];
        for (const kind of order) {
          if (kind === 'sklearn' && !sklearn) continue;
          console.error(`bench: ${file.replace(`${root}/`, '')}, ${threads} thread(s), run ${r + 1}/${runs}: ${kind}...`);
          const res = fit(kind, file, o);
          (kind === 'ts' ? ours : theirs).push(res);
          console.error(`bench:   fit ${res.fitSeconds.toFixed(2)} s, valid RMSE ${res.validRmse.toFixed(4)}, peak RSS ${res.peakRssMiB.toFixed(0)} MiB`);
        }
      }
      const shas = new Set(ours.map((x) => x.onnxSha256));
      if (shas.size !== 1) notes.push(`**${file}: the model differed between runs**`);
      const runsOf = (xs: FitResult[]) => xs.map((x) => x.fitSeconds.toFixed(2)).join(', ') || 'none';
      notes.push(`${file.replace(`${root}/`, '')}, ${threads} thread(s): ours ${runsOf(ours)} s, sklearn ${runsOf(theirs)} s (in run order); our ONNX sha256 ${[...shas][0]?.slice(0, 16)}`);
      const t = median(ours.map((x) => x.fitSeconds));
      const s = theirs.length ? median(theirs.map((x) => x.fitSeconds)) : undefined;
      const q = ours[0]!;
      const k = theirs[0];
      rows.push(
        `| ${file.replace(/^.*\//, '')} | ${threads} | ${f(t)} | ${f(s)} | ${s ? f(t / s) : 'n/a'} | ${f(q.validRmse, 4)} / ${f(k?.validRmse, 4)} | ${f(q.validWrmsle, 4)} / ${f(k?.validWrmsle, 4)} | ${f(q.peakRssMiB, 0)} / ${f(k?.peakRssMiB, 0)} |`,
      );
    }
  }
  const load1 = loadavg();
  const cpu = cpus();
  const report = [
    `## trainGbt vs scikit-learn HistGradientBoostingRegressor (fit alone, median of ${runs} alternating runs)`,
    '',
    `${iterations} iterations, learning rate 0.08, at most 63 leaves, depth 8, min 20 rows per leaf, L2 1, 255 bins, no row or feature sampling, early stopping off.`,
    '',
    '| matrix | threads | ours (s) | sklearn (s) | ratio | valid RMSE ours / sklearn | weighted RMSLE ours / sklearn | peak RSS MiB ours / sklearn |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Machine: ${cpu.length} x ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${sklearn ?? 'no scikit-learn'}.`,
    `Load average (1, 5, 15 min): ${load0.map((x) => x.toFixed(2)).join(', ')} before, ${load1.map((x) => x.toFixed(2)).join(', ')} after.`,
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  console.log(report);
  if (a.out) writeFileSync(a.out, `${report}\n`);
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
