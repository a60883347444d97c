import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceImports } from './trace-imports.ts';

describe('traceImports', () => {
  it('follows relative imports and file URLs, and turns a folder the code reads into a glob of its files', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'cd4ml-trace-'));
    await mkdir(join(ws, 'app/src/public'), { recursive: true });
    await writeFile(join(ws, 'app/build.ts'), "import { helper } from './src/helper.ts';\nconst entry = new URL('./src/main.ts', import.meta.url);\nconst assets = new URL('./src/public', import.meta.url);\nhelper(entry, assets);\n");
    await writeFile(join(ws, 'app/src/helper.ts'), 'export function helper(..._: unknown[]) {}\n');
    await writeFile(join(ws, 'app/src/main.ts'), "import type { X } from './types.ts';\nexport const x: X | undefined = undefined;\n");
    await writeFile(join(ws, 'app/src/public/index.html'), '<h1>hi</h1>');
    expect(traceImports(ws, 'app/build.ts', new Map())).toEqual(['app/build.ts', 'app/src/helper.ts', 'app/src/main.ts', 'app/src/public/**/*']);
  });
});
