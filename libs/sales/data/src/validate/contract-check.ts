import { csvLines, parseCsvLine } from '@cd4ml/data';
import { fileErrorFrom } from '@cd4ml/fs';
import { salesRowSchema, salesTableColumns } from '@cd4ml/sales-schema';
import { z } from 'zod';
import type { Verdict } from './compare-baseline.ts';

const SAMPLE = 2000;

/**
 * Checks a processed table against the sales table contract: the exact header, and the first rows
 * parsed with the contract's zod schema (booleans, numbers, nullable transactions).
 */
export async function checkContract(path: string, file: string): Promise<Verdict> {
  const details: string[] = [];
  let rows = 0;
  try {
    for await (const { line, lineNumber } of csvLines(path)) {
      if (lineNumber === 1) {
        if (line !== salesTableColumns.join(',')) {
          details.push(`${file}: header ${line} is not the contract's ${salesTableColumns.join(',')}`);
          break;
        }
        continue;
      }
      if (rows >= SAMPLE) break;
      rows += 1;
      const fields = parseCsvLine(line);
      const row = Object.fromEntries(salesTableColumns.map((c, i) => [c, decode(c, fields[i])]));
      const parsed = salesRowSchema.safeParse(row);
      if (!parsed.success && details.length < 5) details.push(`${file} line ${lineNumber}:\n${z.prettifyError(parsed.error)}`);
    }
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    details.push(fileErrorFrom(error, path, 'Run ingest first.').message);
  }
  return { ok: details.length === 0, summary: `${file}: header and ${rows} sampled rows against sales table contract`, details };
}

function decode(column: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  const shape = salesRowSchema.shape[column as keyof typeof salesRowSchema.shape];
  const kind = shape.def.type === 'nullable' ? 'nullable' : shape.def.type;
  if (kind === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (kind === 'number') return value === '' ? undefined : Number(value);
  if (kind === 'nullable') return value === '' ? null : Number(value);
  return value;
}
