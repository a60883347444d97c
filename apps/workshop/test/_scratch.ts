import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

export const source = findWorkspaceRoot(import.meta.dirname);

/**
 * A scratch clone of the workspace: its files (not data, dist or caches) in a fresh git repository,
 * the ports rewritten, and a node_modules whose workspace packages point into the clone (a plain
 * symlink to ours would resolve `@cd4ml/*` to this checkout, and an edit of the feature module in
 * the clone would never reach training).
 */
export async function scratchClone(ports: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cd4ml-workshop-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(source, file), join(dir, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  await mkdir(join(dir, 'node_modules/@cd4ml'), { recursive: true });
  for (const name of await readdir(join(source, 'node_modules'))) {
    if (name !== '@cd4ml') await symlink(join(source, 'node_modules', name), join(dir, 'node_modules', name));
  }
  for (const name of await readdir(join(source, 'node_modules/@cd4ml'))) {
    const target = await import('node:fs/promises').then((fs) => fs.readlink(join(source, 'node_modules/@cd4ml', name)));
    await symlink(target, join(dir, 'node_modules/@cd4ml', name));
  }
  // Nested installs of a workspace package (a second version of a dependency) are ours to share.
  for (const pkg of ['apps/sales-web']) {
    for (const name of (await readdir(join(source, pkg, 'node_modules'))).filter((n) => !n.startsWith('.'))) {
      await mkdir(join(dir, pkg, 'node_modules'), { recursive: true });
      await symlink(join(source, pkg, 'node_modules', name), join(dir, pkg, 'node_modules', name));
    }
  }
  const rewrite = async (file: string, from: RegExp, to: (port: string) => string) => writeFile(join(dir, file), (await readFile(join(dir, file), 'utf8')).replace(from, (m, p: string) => to(String(ports[p] ?? p))));
  await rewrite('environments/production/environment.json', /"port": (\d+)/, (p) => `"port": ${p}`);
  await rewrite('environments/staging/environment.json', /"port": (\d+)/, (p) => `"port": ${p}`);
  await rewrite('deploy/prometheus/prometheus.yml', /127\.0\.0\.1:(\d+)/g, (p) => `127.0.0.1:${p}`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=workshop@cd4ml.test', '-c', 'user.name=workshop', 'commit', '-qm', 'scratch clone');
  return dir;
}

/** The guide's ports mapped to the clone's: `127.0.0.1:3000` and `--port 9464` in a command. */
export const withPorts = (script: string, ports: Record<string, number>) =>
  script.replace(/(127\.0\.0\.1:|--port )(\d+)\b/g, (m, prefix: string, p: string) => (ports[p] ? `${prefix}${ports[p]}` : m));
