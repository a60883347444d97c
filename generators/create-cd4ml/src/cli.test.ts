import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

const bin = join(import.meta.dirname, '../bin/create-cd4ml.js');
let cwd: string;
let home: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'cd4ml-create-'));
  home = await mkdtemp(join(tmpdir(), 'cd4ml-home-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

/** Runs the bin with no terminal, no CI variable and a git configuration of our choosing. */
function run(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && !k.startsWith('GIT_') && k !== 'npm_config_user_agent'));
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...base, HOME: home, GIT_CONFIG_NOSYSTEM: '1', ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('create-cd4ml, without a terminal', () => {
  it('documents every flag and both templates in --help, and prints its version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--template', '--name', '--yes', '--no-install', '--no-git', '--dry-run', '--json', '--force', '--version']) expect(help.out).toContain(flag);
    expect(help.out).toMatch(/minimal .*\n.*sales-forecasting/);
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('never waits for input: it fails at once, listing the missing flags', () => {
    const r = run([]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no terminal to ask on, so give a project name .* and --template <minimal\|sales-forecasting>, or --yes/);
    const json = run(['demo', '--json']);
    expect(JSON.parse(json.out)).toEqual({ ok: false, error: { code: 'MISSING_OPTIONS', message: expect.stringMatching(/--template/) } });
  });

  it('refuses an invalid name with a valid suggestion, and writes nothing', async () => {
    const r = run(['My Project', '--template', 'minimal', '--no-install']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"My Project" is not a valid npm package name .*Try "my-project"/);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses a non-empty folder, and writes nothing there', async () => {
    await mkdir(join(cwd, 'demo'));
    await writeFile(join(cwd, 'demo/notes.txt'), 'mine');
    const r = run(['demo', '--template', 'sales-forecasting', '--no-install', '--no-git']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/demo is not empty \(notes\.txt\)/);
    expect(await readdir(join(cwd, 'demo'))).toEqual(['notes.txt']);
  });

  it('--dry-run --json lists exactly the tree it would write, and writes nothing', () => {
    const r = run(['demo', '--template', 'sales-forecasting', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const result = z.looseObject({ files: z.number(), tree: z.array(z.object({ path: z.string() })) }).parse(JSON.parse(r.out));
    expect(result).toMatchObject({ ok: true, dryRun: true, template: 'sales-forecasting', name: 'demo', scope: '@demo', installed: false, git: 'skipped' });
    expect(result.tree.map((f) => f.path)).toEqual(expect.arrayContaining(['package.json', 'libs/sales/model/params.yaml', '.cd4ml/answers.json']));
    expect(result.files).toBe(result.tree.length);
    expect(existsSync(join(cwd, 'demo'))).toBe(false);
  });

  it('writes, commits with the git identity it finds, and prints the README commands', async () => {
    const gitconfig = join(home, '.gitconfig');
    await writeFile(gitconfig, '[user]\n\tname = Test\n\temail = test@example.com\n');
    const r = run(['demo', '--template', 'sales-forecasting', '--no-install', '--yes']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/git: initialised a repository with a first commit/);
    expect(r.out).toMatch(/Next:\n {2}cd demo\n {2}npm ci && npm start.*\n {2}npm ci && npm test/);
    expect(execFileSync('git', ['log', '--oneline'], { cwd: join(cwd, 'demo'), encoding: 'utf8' })).toMatch(/Initial commit from create-cd4ml/);
    const answers = JSON.parse(await readFile(join(cwd, 'demo/.cd4ml/answers.json'), 'utf8'));
    expect(answers).toMatchObject({ generator: 'create-cd4ml', template: 'sales-forecasting', answers: { name: 'demo', scope: '@demo' } });
  });

  it('without a git identity only stages, and says so; inside a repository leaves git alone', () => {
    const staged = run(['alone', '--template', 'sales-forecasting', '--no-install']);
    expect(staged.out).toMatch(/staged every file; no commit, because git has no user\.name\/user\.email/);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: join(cwd, 'alone'), encoding: 'utf8' })).toMatch(/^A {2}/m);
    const inner = run(['alone/inner', '--name', 'inner', '--template', 'sales-forecasting', '--no-install']);
    expect(inner.out).toMatch(/inside an existing repository; left to it/);
    expect(existsSync(join(cwd, 'alone/inner/.git'))).toBe(false);
  });
});

describe('create-cd4ml in a real terminal', () => {
  it('asks for what the flags left open, then prints the one-shot command', async () => {
    // `script` gives the child a pseudo-terminal; we answer its prompts as a person would.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));
    const child = spawn('script', ['-qfec', `${process.execPath} ${bin} --dry-run`, '/dev/null'], { cwd, env: { ...env, HOME: home, TERM: 'xterm' } });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
    const waitFor = async (text: RegExp) => {
      for (let i = 0; i < 300 && !text.test(screen); i++) await new Promise((r) => setTimeout(r, 50));
      expect(screen).toMatch(text);
    };
    await waitFor(/Project name/);
    child.stdin.write('\u0015tty-demo\r'); // Ctrl+U clears the default first
    await waitFor(/Template/);
    child.stdin.write('\u001b[B\r'); // arrow down: sales-forecasting
    await waitFor(/Install dependencies now\?/);
    child.stdin.write('n\r');
    await waitFor(/Initialise a git repository/);
    child.stdin.write('n\r');
    await new Promise((resolve) => child.on('close', resolve));
    expect(screen).toMatch(/npx create-cd4ml --name tty-demo --template sales-forecasting --no-install --no-git --yes/);
    expect(screen).toMatch(/dry run: \d+ files/);
    expect(existsSync(join(cwd, 'tty-demo'))).toBe(false);
  });
});
