import { existsSync, renameSync, rmSync } from 'node:fs';

/** Size rotation of an append-only file: start a new file past `maxBytes`, keep the `keep` newest rotated ones. */
export interface Rotation {
  maxBytes: number;
  keep: number;
}

/**
 * Rotates `path`: `path.<keep>` is deleted, every `path.<i>` becomes `path.<i+1>`, and `path`
 * becomes `path.1`; the writer then starts a new `path`. Synchronous: a few renames, done between
 * two writes of the one writer of the file.
 */
export function rotateFile(path: string, keep: number): void {
  rmSync(`${path}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  renameSync(path, `${path}.1`);
}
