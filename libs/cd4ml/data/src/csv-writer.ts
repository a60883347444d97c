import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileWriteErrorFrom } from '@cd4ml/fs';

const FLUSH_AT = 1 << 18;

/** Quotes a CSV field only when it must be (RFC 4180): commas, quotes or line breaks. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams CSV rows to a file in 256 KiB chunks and honours back-pressure, so writing ten million
 * rows takes constant memory.
 */
export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    // A stream buffer larger than one flush, so a flush rarely waits for 'drain'.
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    // Kept until someone waits on the stream (flush, close): a write error then names the file.
    this.stream.on('error', (error) => (this.failed ??= fileWriteErrorFrom(error, path)));
    this.buffer = `${header.join(',')}\n`;
  }

  async write(fields: readonly (string | number | boolean | null | undefined)[]): Promise<void> {
    this.buffer += `${fields.map(csvField).join(',')}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  /**
   * Appends one line the caller has already formatted (no newline), for hot loops whose fields
   * need no quoting: numbers, dates and plain words.
   */
  async writeLine(line: string): Promise<void> {
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.settle(once(this.stream, 'finish'));
  }

  private failed?: Error;

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buffer === '') return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) await this.settle(once(this.stream, 'drain'));
  }

  /** Waits for the stream; an I/O error (a full disk, say) comes back naming the file. */
  private async settle(wait: Promise<unknown>): Promise<void> {
    try {
      await wait;
    } catch (error) {
      throw this.failed ?? fileWriteErrorFrom(error, this.path);
    }
    if (this.failed) throw this.failed;
  }
}
