import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

/**
 * Copies this repository's git-tracked files (as they are in the working tree), and the generators'
 * own new files, to a temporary folder that shares the repository's node_modules. Not data, dist
 * nor caches, and nothing another engineer is writing and has not added to git.
 */
export async function scratchWorkspace(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-generated-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: source, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  let files: Set<string>;
  try {
    files = new Set([...git('ls-files', '--cached'), ...git('ls-files', '--others', '--exclude-standard', '--', 'generators/plop', 'plopfile.js')]);
  } catch {
    // A workspace made with create-cd4ml --no-git: its own files, without what git would ignore.
    files = new Set(await workspaceFiles(source));
  }
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(source, file), join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted, not yet staged
    });
  }
  await symlink(join(source, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/**
 * The environment for tools run inside the scratch workspace: without the outer Nx's NX_* variables
 * (they would steer the inner Nx), and without the outer test run's sandbox variables, so each inner
 * test run makes and removes its own sandbox inside TMPDIR (the outer run's, removed after it).
 */
export function innerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_') && !k.startsWith('CD4ML_TEST_TMPDIR') && k !== 'CI'));
  return { ...env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...extra };
}

/** Runs a command in `cwd`; a failure carries its whole output. */
export async function run(cwd: string, command: string, args: string[]): Promise<string> {
  const result = await promisify(execFile)(command, args, { cwd, env: innerEnv(), maxBuffer: 1 << 26 }).catch((error: Error & { stdout: string; stderr: string }) => {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`);
  });
  return result.stdout;
}

/** Every file of a workspace that is not generated: no node_modules, caches, build output or data (those two at the root only). */
async function workspaceFiles(root: string, dir = root): Promise<string[]> {
  const anywhere = new Set(['node_modules', '.nx', '.git', 'test-results']);
  const atRoot = new Set(['dist', 'data']);
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!anywhere.has(e.name) && !(dir === root && atRoot.has(e.name))) out.push(...(await workspaceFiles(root, path)));
    } else out.push(relative(root, path));
  }
  return out;
}
