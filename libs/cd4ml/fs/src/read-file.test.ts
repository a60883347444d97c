import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileError, fileErrorFrom } from './file-error.ts';
import { readJsonFile, readYamlFile } from './read-file.ts';
import { findWorkspaceRoot } from './workspace-root.ts';

const schema = z.object({ name: z.string(), runs: z.array(z.object({ rows: z.number().int() })) });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<FileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileError);
  return error as FileError;
}

describe('readJsonFile', () => {
  it('returns the parsed value of a valid file', async () => {
    await writeFile(join(dir, 'ok.json'), '{"name":"a","runs":[{"rows":3}]}');
    expect(await readJsonFile(join(dir, 'ok.json'), schema)).toEqual({ name: 'a', runs: [{ rows: 3 }] });
  });

  it('names the file and every bad field, by path', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"name":7,"runs":[{"rows":1.5}]}');
    const error = await failure(readJsonFile(path, schema, { what: 'run list' }));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toContain(`${path} is not a valid run list`);
    expect(error.message).toMatch(/→ at name/);
    expect(error.message).toMatch(/→ at runs\[0\]\.rows/);
  });

  it('names the file when it is not JSON', async () => {
    const path = join(dir, 'torn.json');
    await writeFile(path, '{"name":');
    const error = await failure(readJsonFile(path, schema));
    expect(error).toMatchObject({ code: 'FILE_INVALID', path });
    expect(error.message).toMatch(/torn\.json is not valid JSON/);
  });

  it('tells a missing file (with the hint) from one that cannot be read', async () => {
    const missing = await failure(readJsonFile(join(dir, 'none.json'), schema, { missingHint: 'Run train first.' }));
    expect(missing).toMatchObject({ code: 'FILE_MISSING' });
    expect(missing.message).toMatch(/none\.json does not exist\. Run train first\./);
    await mkdir(join(dir, 'adir.json'));
    expect(await failure(readJsonFile(join(dir, 'adir.json'), schema))).toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it('reports permission denied as unreadable, never as absent', () => {
    // Root reads any file, so the errno is given directly.
    const error = fileErrorFrom(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/x/params.yaml', 'Create it.');
    expect(error).toMatchObject({ code: 'FILE_UNREADABLE', message: '/x/params.yaml: permission denied. Check the file\'s owner and mode.' });
  });
});

describe('readYamlFile', () => {
  it('parses YAML with the schema and names a bad field', async () => {
    const path = join(dir, 'p.yaml');
    await writeFile(path, 'name: a\nruns:\n  - rows: two\n');
    const error = await failure(readYamlFile(path, schema));
    expect(error.message).toMatch(/→ at runs\[0\]\.rows/);
  });
});

describe('findWorkspaceRoot', () => {
  it('finds the nearest folder holding nx.json, from any depth', async () => {
    await writeFile(join(dir, 'nx.json'), '{}');
    await mkdir(join(dir, 'libs', 'a', 'src'), { recursive: true });
    expect(findWorkspaceRoot(join(dir, 'libs', 'a', 'src'))).toBe(dir);
  });
});
