import { relative } from 'node:path';
import type { Options } from './options.ts';
import { detectPackageManager, initGit, installDependencies, readmeCommands, type GitOutcome } from './post-write.ts';
import { renderTemplate, type Tree } from './render.ts';
import { loadTemplateFiles } from './template-files.ts';
import { checkTarget, writeTree } from './write-tree.ts';

/** What a scaffold did, as `--json` prints it. */
export interface ScaffoldResult {
  ok: true;
  directory: string;
  name: string;
  scope: string;
  template: Options['template'];
  dryRun: boolean;
  files: number;
  bytes: number;
  /** Files the template held that were already there (with --force), now overwritten. */
  overwritten: string[];
  git: GitOutcome;
  installed: boolean;
  /** The new README's two commands, to run in the new folder. */
  nextSteps: string[];
  /** Every path, with --dry-run. */
  tree?: { path: string; bytes: number }[];
}

/**
 * The generator's fixed path: render the template into memory, check the target, write the tree
 * (all or nothing), then the side effects, git and install, last.
 */
export async function scaffold(o: Options, packageRoot: string, version: string, log: (line: string) => void): Promise<ScaffoldResult> {
  const tree: Tree = await renderTemplate(loadTemplateFiles(o.template, packageRoot), o, version);
  const overwritten = await checkTarget(o.directory, tree, o.force);
  const bytes = [...tree.values()].reduce((n, f) => n + f.bytes.byteLength, 0);
  const base = { ok: true as const, directory: o.directory, name: o.name, scope: o.scope, template: o.template, files: tree.size, bytes, overwritten, nextSteps: readmeCommands(tree) };
  if (o.dryRun) {
    return { ...base, dryRun: true, git: 'skipped', installed: false, tree: [...tree].map(([path, f]) => ({ path, bytes: f.bytes.byteLength })) };
  }
  await writeTree(o.directory, tree, o.force);
  log(`wrote ${tree.size} files (${(bytes / 1024).toFixed(0)} KiB) of the ${o.template} template to ${relative(process.cwd(), o.directory) || '.'}`);
  for (const path of overwritten) log(`  overwrote ${path}`);
  const git = o.git ? initGit(o.directory) : 'skipped';
  log(
    {
      committed: 'git: initialised a repository with a first commit',
      staged: 'git: initialised a repository and staged every file; no commit, because git has no user.name/user.email here (set them, then git commit)',
      'inside-repository': 'git: the folder is inside an existing repository; left to it',
      skipped: 'git: skipped (--no-git)',
      unavailable: 'git: not found on the PATH; skipped',
    }[git],
  );
  if (o.install) {
    const pm = detectPackageManager();
    log(`installing dependencies with ${pm} (this takes a minute)...`);
    await installDependencies(o.directory, pm, o.json);
  }
  return { ...base, dryRun: false, git, installed: o.install };
}
