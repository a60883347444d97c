// `npx nx run create-cd4ml:bench`: how long scaffolding takes without the install, per template, as
// a ratio to a bare Node start in the same run (the floor of any CLI), with the file count. It runs
// the package as users get it: packed with `npm pack`, then unpacked beside the source (so its
// dependencies resolve from the workspace's node_modules, as an npx install would provide them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { templateNames } from '../src/options.ts';

const packageRoot = join(import.meta.dirname, '..');
const unpacked = join(packageRoot, '.bench');
rmSync(unpacked, { recursive: true, force: true });
mkdirSync(unpacked);
execFileSync('npm', ['pack', '--pack-destination', unpacked], { cwd: packageRoot, stdio: 'ignore' });
execFileSync('tar', ['-xzf', join(unpacked, readdirSync(unpacked).find((f) => f.endsWith('.tgz'))!), '-C', unpacked]);
const bin = join(unpacked, 'package/bin/create-cd4ml.js');
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

const load = loadavg();
const work = mkdtempSync(join(tmpdir(), 'cd4ml-scaffold-bench-'));
try {
  const floor: number[] = [];
  const runs = new Map<string, { ms: number[]; files: number; kib: number }>();
  // Alternate the baseline and the templates, so a slow spell of the machine slows all of them.
  for (let round = 0; round < ROUNDS; round++) {
    floor.push(time(() => execFileSync(process.execPath, ['-e', ''])));
    for (const template of templateNames) {
      const dir = join(work, `${template}-${round}`);
      let out = '';
      const ms = time(() => {
        out = execFileSync(process.execPath, [bin, dir, '--name', 'bench', '--template', template, '--no-install', '--no-git', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      });
      const result = JSON.parse(out) as { files: number; bytes: number };
      const entry = runs.get(template) ?? { ms: [], files: result.files, kib: Math.round(result.bytes / 1024) };
      entry.ms.push(ms);
      runs.set(template, entry);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const f = median(floor);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`bare node start (floor): median ${f.toFixed(0)} ms over ${ROUNDS} runs`);
  console.log('template            files     KiB   median ms   x floor');
  for (const [template, r] of runs) {
    const m = median(r.ms);
    console.log(`${template.padEnd(18)} ${String(r.files).padStart(6)} ${String(r.kib).padStart(7)} ${m.toFixed(0).padStart(11)} ${(m / f).toFixed(1).padStart(9)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(join(packageRoot, 'dist'), { recursive: true, force: true });
}
