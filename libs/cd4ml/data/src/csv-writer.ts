import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const FLUSH_AT = 1 << 16;

/** Quotes a CSV field only when it must be (RFC 4180): commas, quotes or line breaks. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams CSV rows to a file in 64 KiB chunks and honours back-pressure, so writing ten million
 * rows takes constant memory.
 */
export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.buffer = `${header.join(',')}\n`;
  }

  async write(fields: readonly (string | number | boolean | null | undefined)[]): Promise<void> {
    this.buffer += `${fields.map(csvField).join(',')}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.stream, 'drain');
  }
}
