import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLines, parseCsvLine } from './csv-lines.ts';

describe('parseCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['1,,3', ['1', '', '3']],
    ['', ['']],
    ['x,"LIQUOR,WINE,BEER",1', ['x', 'LIQUOR,WINE,BEER', '1']],
    ['"say ""hi""",2', ['say "hi"', '2']],
  ])('parses %j', (line, fields) => {
    expect(parseCsvLine(line)).toEqual(fields);
  });
});

describe('csvLines', () => {
  it('numbers lines from 1, accepts CRLF and a last line without a newline', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'cd4ml-lines-')), 'a.csv');
    await writeFile(path, 'h\r\n1\r\n2');
    const seen = [];
    for await (const l of csvLines(path)) seen.push(l);
    expect(seen).toEqual([
      { line: 'h', lineNumber: 1 },
      { line: '1', lineNumber: 2 },
      { line: '2', lineNumber: 3 },
    ]);
  });
});
