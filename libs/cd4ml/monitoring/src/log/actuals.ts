import { csvLines, parseCsvLine } from '@cd4ml/data';
import { fileErrorFrom } from '@cd4ml/fs';
import { z } from 'zod';
import { recordKey, type RecordKeys } from './prediction-log.ts';
import { readJsonLines, rotatedLogFiles, type SkippedLine } from './read-json-lines.ts';

/** One observed outcome: what really happened for a key. */
export interface Actual {
  key: string;
  day: string;
  value: number;
  /** The record as read (key fields, the value, and whatever else the source had). */
  record: Record<string, unknown>;
}

/**
 * Reads actuals posted to the app (JSON lines, with their rotated files) and actuals dropped as CSV
 * files (a header naming at least the key fields and the output field). One actual per key: **the
 * latest wins**, in reading order (JSON lines oldest first, then the CSV files in the order given),
 * so a post sent twice counts once and a correction replaces what it corrects. Torn and malformed
 * lines are skipped and reported.
 */
export async function readActuals(jsonl: readonly string[], csv: readonly string[], keys: RecordKeys): Promise<{ actuals: Actual[]; skipped: SkippedLine[]; files: string[]; replaced: number }> {
  const byKey = new Map<string, Actual>();
  let replaced = 0;
  const skipped: SkippedLine[] = [];
  const add = (record: Record<string, unknown>, where: { file: string; line: number }) => {
    const day = record[keys.dayField];
    const value = Number(record[keys.outputField]);
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !Number.isFinite(value) || keys.keyFields.some((f) => record[f] === undefined || record[f] === '')) {
      skipped.push({ ...where, reason: `not an actual: needs ${[...keys.keyFields, keys.outputField].join(', ')} with an ISO ${keys.dayField} and a number` });
      return;
    }
    const key = recordKey(keys, record);
    if (byKey.delete(key)) replaced += 1; // re-inserted last: the map keeps reading order
    byKey.set(key, { key, day, value, record });
  };
  const lineSchema = z.record(z.string(), z.unknown());
  const files = (await Promise.all(jsonl.map(rotatedLogFiles))).flat();
  for (const file of files) skipped.push(...(await readJsonLines(file, lineSchema, add)));
  for (const file of csv) {
    skipped.push(...(await readCsvActuals(file, keys, add)));
    files.push(file);
  }
  return { actuals: [...byKey.values()], skipped, files, replaced };
}

async function readCsvActuals(file: string, keys: RecordKeys, add: (record: Record<string, unknown>, where: { file: string; line: number }) => void): Promise<SkippedLine[]> {
  const skipped: SkippedLine[] = [];
  let header: string[] | undefined;
  try {
    for await (const { line, lineNumber } of csvLines(file)) {
      if (!header) {
        header = parseCsvLine(line.replace(/^\uFEFF/, '')).map((h) => h.trim());
        const missing = [...keys.keyFields, keys.outputField].filter((f) => !header!.includes(f));
        if (missing.length > 0) {
          skipped.push({ file, line: 1, reason: `the header lacks ${missing.join(', ')}: no actual of this file was read` });
          return skipped;
        }
        continue;
      }
      if (line.trim() === '') continue;
      const fields = parseCsvLine(line);
      if (fields.length !== header.length) {
        skipped.push({ file, line: lineNumber, reason: `${fields.length} fields, the header has ${header.length}` });
        continue;
      }
      add(Object.fromEntries(header.map((h, i) => [h, fields[i]])), { file, line: lineNumber });
    }
  } catch (error) {
    throw fileErrorFrom(error, file);
  }
  return skipped;
}
