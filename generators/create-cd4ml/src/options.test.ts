import { describe, expect, it } from 'vitest';
import { checkProjectName, normaliseOptions, suggestName } from './options.ts';
import { detectPackageManager } from './post-write.ts';
import { canPrompt, oneShotCommand } from './prompts.ts';

const raw = { yes: true, install: true, git: true, dryRun: false, json: false, force: false };

describe('project names', () => {
  it.each(['demo', 'my-project', '@acme/demo', 'a.b_c'])('accepts %s', (name) => {
    expect(checkProjectName(name)).toEqual({ ok: true });
  });

  it.each([
    ['My Project', 'my-project'],
    ['_private', 'private'],
    ['.hidden', 'hidden'],
    ['café!', 'caf'],
    ['@Acme/Demo App', '@acme/demo-app'],
    ['', 'my-cd4ml-project'],
  ])('refuses %j and suggests %j, which is valid', (name, suggestion) => {
    const c = checkProjectName(name);
    expect(c).toMatchObject({ ok: false, suggestion });
    expect(checkProjectName(suggestName(name))).toEqual({ ok: true });
  });

  it('derives the folder and the scope from the name', () => {
    expect(normaliseOptions({ ...raw, name: '@acme/demo', template: 'minimal' }, '/w')).toMatchObject({ directory: '/w/demo', scope: '@acme', name: '@acme/demo' });
    expect(normaliseOptions({ ...raw, name: 'demo', template: 'minimal', directory: 'x/y' }, '/w')).toMatchObject({ directory: '/w/x/y', scope: '@demo' });
  });

  it('says what is wrong with a name, and what to use instead', () => {
    expect(() => normaliseOptions({ ...raw, name: 'Bad Name', template: 'minimal' })).toThrow(/"Bad Name" is not a valid npm package name \(.*\)\. Try "bad-name"\./);
    expect(() => normaliseOptions({ ...raw, name: 'ok', template: 'tiny' })).toThrow(/unknown template "tiny"; choose one of: minimal, sales-forecasting/);
  });
});

describe('non-interactive paths', () => {
  it.each([
    [{ isTTY: true }, {}, { yes: false, json: false }, true],
    [{ isTTY: false }, {}, { yes: false, json: false }, false],
    [{ isTTY: true }, { CI: 'true' }, { yes: false, json: false }, false],
    [{ isTTY: true }, {}, { yes: true, json: false }, false],
    [{ isTTY: true }, {}, { yes: false, json: true }, false],
  ])('prompts on %j with env %j and %j: %s', (stdin, env, flags, expected) => {
    expect(canPrompt(flags, stdin, env)).toBe(expected);
  });

  it('prints the one-shot command of an interactive run', () => {
    expect(oneShotCommand({ directory: 'my dir', name: 'demo', template: 'minimal', install: false, git: true })).toBe("npx create-cd4ml 'my dir' --name demo --template minimal --no-install --yes");
  });

  it.each([
    ['npm/11.1.0 node/v20.20.2 linux x64 workspaces/false', 'npm'],
    ['pnpm/9.0.0 npm/? node/v20', 'pnpm'],
    ['yarn/1.22.19 npm/? node/v20', 'yarn'],
    ['', 'npm'],
  ])('installs with the package manager that ran it: %j -> %s', (agent, pm) => {
    expect(detectPackageManager(agent)).toBe(pm);
  });
});
