import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileStats {
  sha256: string;
  bytes: number;
  /** Data rows: lines after the header, not counting a trailing newline. */
  rows: number;
  /** The header's column names, in order. */
  columns: string[];
  /** sha256 of the header line: changes when a column is added, removed, renamed or reordered. */
  schemaHash: string;
}

const NEWLINE = 0x0a;

/** Hashes and counts a CSV file in one streaming pass, so multi-gigabyte files never sit in memory. */
export async function csvFileStats(path: string): Promise<FileStats> {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let lastByte = -1;
  let header = '';
  let headerDone = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    let at = chunk.indexOf(NEWLINE);
    if (!headerDone) {
      header += chunk.toString('utf8', 0, at === -1 ? chunk.length : at);
      headerDone = at !== -1;
    }
    while (at !== -1) {
      newlines += 1;
      at = chunk.indexOf(NEWLINE, at + 1);
    }
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1] ?? -1;
  }
  const lines = newlines + (bytes > 0 && lastByte !== NEWLINE ? 1 : 0);
  // A byte-order mark is not part of the first column's name.
  const headerLine = header.replace(/\r$/, '').replace(/^\uFEFF/, '');
  return {
    sha256: hash.digest('hex'),
    bytes,
    rows: Math.max(0, lines - 1),
    columns: headerLine === '' ? [] : headerLine.split(','),
    schemaHash: createHash('sha256').update(headerLine).digest('hex'),
  };
}
