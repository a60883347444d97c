import { execFileSync, spawn } from 'node:child_process';
import { dirname } from 'node:path';
import type { Tree } from './render.ts';

/** What happened with git. */
export type GitOutcome = 'committed' | 'staged' | 'inside-repository' | 'skipped' | 'unavailable';

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * `git init` and a first commit. Inside an existing repository it does nothing (the new folder is
 * part of that repository); with no git identity it only stages, so nothing is committed under a
 * made-up name.
 */
export function initGit(directory: string): GitOutcome {
  try {
    git(directory, ['--version']);
  } catch {
    return 'unavailable';
  }
  try {
    if (git(dirname(directory), ['rev-parse', '--is-inside-work-tree']) === 'true') return 'inside-repository';
  } catch {
    // not inside a repository: go on
  }
  git(directory, ['init', '-q']);
  git(directory, ['add', '-A']);
  const identity = (key: string) => {
    try {
      return git(directory, ['config', key]);
    } catch {
      return '';
    }
  };
  if (identity('user.name') === '' || identity('user.email') === '') return 'staged';
  git(directory, ['commit', '-q', '-m', 'Initial commit from create-cd4ml']);
  return 'committed';
}

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** The package manager that ran us (`npm create`, `pnpm create`, ...), from the user agent npm-compatible tools set. */
export function detectPackageManager(userAgent = process.env['npm_config_user_agent'] ?? ''): PackageManager {
  const name = userAgent.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

/**
 * Installs the workspace's dependencies with the package manager's own progress on the terminal
 * (on stderr under --json, so stdout stays machine-readable).
 */
export async function installDependencies(directory: string, pm: PackageManager, quiet: boolean): Promise<void> {
  const args = pm === 'npm' ? ['install', '--no-fund', '--no-audit'] : ['install'];
  const child = spawn(pm, args, { cwd: directory, stdio: ['ignore', quiet ? process.stderr : 'inherit', 'inherit'], env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(new Error(`could not run ${pm} (${error.code ?? error.message}); install it or pass --no-install`)));
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw Object.assign(new Error(`${pm} ${args.join(' ')} failed with code ${code} in ${directory}; the project is written: fix the cause above and run it again there`), { code: 'INSTALL_FAILED' });
}

/** The commands of the new README's first bash block: its two commands. */
export function readmeCommands(tree: Tree): string[] {
  const readme = tree.get('README.md');
  if (!readme) return [];
  const block = /```bash\n([\s\S]*?)```/.exec(new TextDecoder().decode(readme.bytes));
  return (block?.[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
