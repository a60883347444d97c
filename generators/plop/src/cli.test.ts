import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { toyWorkspace } from './test-support/toy-workspace.ts';

const repo = findWorkspaceRoot(import.meta.dirname);
const tsx = join(repo, 'node_modules/.bin/tsx');
const cli = join(import.meta.dirname, 'cli.ts');
// Without CI (it would stop the prompts) and without colour settings (Node warns on stderr when both
// NO_COLOR and FORCE_COLOR are set, and stderr is asserted here).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));
let root: string;

beforeEach(async () => {
  root = await toyWorkspace();
  // The toy workspace's plopfile is this repository's: the CLI loads it as it would its own.
  await writeFile(join(root, 'plopfile.js'), `export { default } from ${JSON.stringify(pathToFileURL(join(repo, 'plopfile.js')).href)};\n`);
});

/** Runs `npm run generate -- ...args` in the toy workspace, without a terminal. */
function generate(...args: string[]) {
  const r = spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const written = async () => (await readdir(join(root, 'libs'))).sort();

describe('npm run generate, without a terminal', () => {
  it('lists the generators, and the flags of each', () => {
    const help = generate('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/data-lib \[options\][\s\S]*model-lib \[options\][\s\S]*web-app \[options\][\s\S]*stage \[options\]/);
    expect(help.out).toMatch(/npm run generate -- model-lib --name weather-model --data weather-data:validate/);
    expect(generate('stage', '--help').out).toMatch(/--project <project>[\s\S]*--stage <stage>[\s\S]*--reads <reads>[\s\S]*--pipeline/);
  });

  it('never waits for input: a missing flag fails at once, naming it, and nothing is written', async () => {
    const r = generate('model-lib', '--data', 'shop-data:ingest');
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: model-lib needs --name <name> (no terminal to ask on). For example:\n  npm run generate -- model-lib --name weather-model --data weather-data:validate\n');
    expect(await written()).toEqual(['cd4ml', 'shop']);
  });

  it("refuses answers the generator's checks refuse, every one at once, and writes nothing", async () => {
    const r = generate('model-lib', '--name', 'Weather Model', '--data', 'shop-data:check');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/model-lib: nothing was written:\n {2}--name "Weather Model": .*e\.g\. weather-model\n {2}--data "shop-data:check": stage shop-data:check writes no output folder/);
    expect(await written()).toEqual(['cd4ml', 'shop']);
    expect(generate('deploy-lib').err).toMatch(/unknown command 'deploy-lib'/);
  });

  it('generates, then prints what it created and what to run next', () => {
    const r = generate('data-lib', '--name', 'weather-data');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✔ addMany \d+ files added\n {4}libs\/weather\/data\/README\.md\n/);
    expect(r.out).toMatch(/Next:\n {2}# links @shop\/weather-data into node_modules\n {2}npm install\n/);
    expect(existsSync(join(root, 'libs/weather/data/src/validate/cli.ts'))).toBe(true);
  });
});

/**
 * Runs `command` under a pseudo-terminal (`script`) of 120 columns: plop's spinner loops forever on
 * a terminal of 0 columns, which is what `script` gives without `stty`. Answers are typed into it.
 */
function terminal(command: string) {
  const child = spawn('/usr/bin/script', ['-qfec', `stty cols 120 rows 40; ${command}`, '/dev/null'], { cwd: root, env: { ...env, TERM: 'xterm' } });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  const waitFor = async (text: RegExp) => {
    for (let i = 0; i < 300 && !text.test(screen); i++) await new Promise((r) => setTimeout(r, 50));
    expect(screen).toMatch(text);
  };
  const closed = new Promise((resolve) => child.on('close', resolve));
  return { type: (keys: string) => child.stdin.write(keys), waitFor, closed, screen: () => screen };
}

describe('in a real terminal', () => {
  it('npx plop asks every question of a generator, and generates', async () => {
    const t = terminal(`${join(repo, 'node_modules/.bin/plop')} model-lib`);
    await t.waitFor(/Name of the model lib/);
    t.type('weather-model\r');
    await t.waitFor(/The data stage it trains on/);
    t.type('shop-data:check\r');
    await t.waitFor(/stage shop-data:check writes no output folder/);
    t.type('\u0015shop-data:ingest\r');
    await t.closed;
    expect(t.screen()).toMatch(/npx nx run weather-model:gate/);
    expect(existsSync(join(root, 'libs/weather/model/src/train/train-model.ts'))).toBe(true);
  });

  it('npm run generate asks only for what the flags left open, then prints the one-shot command', async () => {
    const t = terminal(`${tsx} ${cli} web-app --model shop-model:gate`);
    await t.waitFor(/Name of the app/);
    t.type('Shop Web\r');
    await t.waitFor(/"Shop Web" is not a valid app name/);
    t.type('\u0015shop-api\r'); // Ctrl+U clears the line first
    await t.closed;
    expect(t.screen()).toMatch(/npm run generate -- web-app --name shop-api --model shop-model:gate/);
    expect(existsSync(join(root, 'apps/shop-api/src/main.ts'))).toBe(true);
  });
});
