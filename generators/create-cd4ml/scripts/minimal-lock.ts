// Writes templates/minimal/package-lock.json, so `npm ci` (the generated README's first command)
// works in a minimal project: the template's files are assembled as they are (names not yet
// substituted), the repository's lockfile seeds the versions, and npm resolves the rest.
// Run it after changing a package.json of the platform or of the minimal domain:
//   npx tsx generators/create-cd4ml/scripts/minimal-lock.ts
// The end-to-end test runs `npm ci` in a generated project, so a stale lockfile fails there.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadTemplateFiles, MINIMAL_DIR } from '../src/template-files.ts';

const packageRoot = join(import.meta.dirname, '..');
const repoRoot = join(packageRoot, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'cd4ml-minimal-lock-'));
try {
  for (const f of loadTemplateFiles('minimal', packageRoot)) {
    if (f.path === 'package-lock.json') continue;
    mkdirSync(dirname(join(work, f.path)), { recursive: true });
    writeFileSync(join(work, f.path), f.bytes);
  }
  copyFileSync(join(repoRoot, 'package-lock.json'), join(work, 'package-lock.json'));
  execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: work, stdio: 'inherit' });
  copyFileSync(join(work, 'package-lock.json'), join(repoRoot, MINIMAL_DIR, 'package-lock.json'));
  console.log(`wrote ${MINIMAL_DIR}/package-lock.json`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
