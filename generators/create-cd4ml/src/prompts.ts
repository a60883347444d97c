import { confirm, input, select } from '@inquirer/prompts';
import { checkProjectName, DEFAULT_NAME, templateDescriptions, templateNames, type RawOptions } from './options.ts';

/** Whether to ask: only on a terminal, outside CI, and never for machine output or under --yes. */
export function canPrompt(raw: Pick<RawOptions, 'yes' | 'json'>, stdin: { isTTY?: boolean } = process.stdin, env = process.env): boolean {
  return stdin.isTTY === true && !env['CI'] && !raw.yes && !raw.json;
}

/**
 * Asks for what the flags left open, each question matching a flag (see {@link oneShotCommand}).
 * Uses @inquirer/prompts; Ctrl+C aborts without writing anything.
 */
export async function promptMissing(raw: RawOptions, given: { name: boolean; template: boolean; install: boolean; git: boolean }): Promise<RawOptions & { name: string; template: string }> {
  const name = given.name
    ? raw.name!
    : await input({
        message: 'Project name (an npm package name)',
        default: raw.name ?? DEFAULT_NAME,
        validate: (v) => {
          const c = checkProjectName(v);
          return c.ok ? true : `${c.problems.join('; ')}; try "${c.suggestion}"`;
        },
      });
  const template = given.template
    ? raw.template!
    : await select({ message: 'Template', choices: templateNames.map((t) => ({ value: t, name: t, description: templateDescriptions[t] })) });
  const install = given.install ? raw.install : await confirm({ message: 'Install dependencies now?', default: true });
  const git = given.git ? raw.git : await confirm({ message: 'Initialise a git repository with a first commit?', default: true });
  return { ...raw, name, template, install, git };
}

/** The one-shot command equivalent to an interactive run, printed after it so it can be scripted. */
export function oneShotCommand(o: { directory?: string; name: string; template: string; install: boolean; git: boolean }): string {
  const parts = ['npx create-cd4ml'];
  if (o.directory) parts.push(quote(o.directory));
  parts.push('--name', quote(o.name), '--template', o.template);
  if (!o.install) parts.push('--no-install');
  if (!o.git) parts.push('--no-git');
  parts.push('--yes');
  return parts.join(' ');
}

const quote = (s: string) => (/^[\w@./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
