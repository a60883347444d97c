import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HttpError } from '../errors/http-error.ts';
import { rotateFile, type Rotation } from '../files/rotate-file.ts';

/** The file operations the store needs: node's `FileHandle` has them; a test passes one that fails like a full disk. */
export interface ActualsHandle {
  stat(): Promise<{ size: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  write(buffer: Uint8Array, offset: number, length: number, position: null): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the actuals file for appending (created if absent). The test seam: the default is node's own. */
export type OpenActuals = (path: string) => Promise<ActualsHandle>;

const openForAppend: OpenActuals = (path) => open(path, 'a+');

/** Rotation of the actuals file by default: 64 MiB a file, the 8 newest rotated files kept (576 MiB at most). */
export const DEFAULT_ACTUALS_ROTATION: Rotation = { maxBytes: 64 * 1024 * 1024, keep: 8 };

/** Told about a repaired file or a truncation that failed; the route's 5xx log says the rest. */
export type StoreWarning = (message: string) => void;

/**
 * The actuals file: JSON lines, one post appended as one record with a single write, fsynced
 * before the post is acknowledged. A failed append (a full disk) is truncated back to the file's
 * previous length, so the file holds every acknowledged post and nothing else: never half a post,
 * never a torn line that the next post would be glued to. Appends are serialised.
 */
export class ActualsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly o: { rotation?: Rotation; openFile?: OpenActuals; warn?: StoreWarning } = {},
  ) {}

  /**
   * Appends `lines` (each a JSON object, without newline) as one record and syncs it to disk.
   * @throws HttpError 507 `INSUFFICIENT_STORAGE` on a full disk, 503 `ACTUALS_UNAVAILABLE` for any
   *   other write failure; the file is then as it was, and the error's `cause` names the file.
   */
  append(lines: readonly string[]): Promise<void> {
    const run = this.queue.then(() => this.appendNow(Buffer.from(`${lines.join('\n')}\n`)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(record: Buffer): Promise<void> {
    const rotation = this.o.rotation ?? DEFAULT_ACTUALS_ROTATION;
    let handle: ActualsHandle;
    let before: number;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      handle = await (this.o.openFile ?? openForAppend)(this.path);
      before = await this.repairTornTail(handle);
      if (before > 0 && before + record.byteLength > rotation.maxBytes) {
        await handle.close();
        rotateFile(this.path, rotation.keep);
        handle = await (this.o.openFile ?? openForAppend)(this.path);
        before = 0;
      }
    } catch (error) {
      throw storageError(error, this.path);
    }
    try {
      const { bytesWritten } = await handle.write(record, 0, record.byteLength, null);
      if (bytesWritten !== record.byteLength) throw Object.assign(new Error(`wrote ${bytesWritten} of ${record.byteLength} bytes`), { code: 'ENOSPC' });
      await handle.datasync();
    } catch (error) {
      await handle.truncate(before).catch((truncation: Error) => this.o.warn?.(`${this.path}: could not truncate back to ${before} bytes after a failed append (${truncation.message}); readers skip the torn last line`));
      throw storageError(error, this.path);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /**
   * The file's length once a torn last line (left by a crash or a truncation that failed) is cut
   * off: it was never acknowledged, and the next record must start on a line of its own.
   */
  private async repairTornTail(handle: ActualsHandle): Promise<number> {
    const size = (await handle.stat()).size;
    if (size === 0) return 0;
    const tail = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(tail, 0, tail.byteLength, size - tail.byteLength);
    if (tail[tail.byteLength - 1] === 0x0a) return size;
    const lastNewline = tail.lastIndexOf(0x0a);
    const keep = lastNewline < 0 ? size - tail.byteLength : size - tail.byteLength + lastNewline + 1;
    await handle.truncate(keep);
    this.o.warn?.(`${this.path}: cut a torn last line of ${size - keep} bytes (a post that was never acknowledged)`);
    return keep;
  }
}

/** A 507 for a full disk, a 503 for anything else; the cause (with the file's path) goes to the log, not to the client. */
function storageError(error: unknown, path: string): HttpError {
  const code = (error as NodeJS.ErrnoException).code;
  const cause = new Error(`${path}: ${(error as Error).message}`);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new HttpError(507, 'INSUFFICIENT_STORAGE', 'the actuals were not recorded: the disk that holds them is full. Nothing of this post was kept; send it again later.', undefined, { cause });
  }
  return new HttpError(503, 'ACTUALS_UNAVAILABLE', 'the actuals were not recorded: their file cannot be written. Nothing of this post was kept; send it again later.', undefined, { cause });
}
