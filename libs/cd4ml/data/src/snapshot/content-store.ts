import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@cd4ml/fs';

/**
 * A content-addressed store of data files: each blob is kept under its sha256, so pushing the same
 * file twice stores it once and a blob can never change under its name. Implement this interface for
 * S3-compatible storage (key = `sha256/ab/abcdef...`); {@link DirectoryStore} is the default.
 */
export interface ContentStore {
  /** A human-readable location, for messages. */
  readonly location: string;
  has(sha256: string): Promise<boolean>;
  /** Stores the file at `path` under `sha256`; the caller has hashed it. */
  put(sha256: string, path: string): Promise<void>;
  /** Copies the blob `sha256` to `path` (atomically); throws a `STORE_MISSING` error when absent. */
  get(sha256: string, path: string): Promise<void>;
  putManifest(dataVersion: string, json: string): Promise<void>;
  getManifest(dataVersion: string): Promise<string>;
}

/** Thrown when a store lacks a blob or manifest that was asked for. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly code: 'STORE_MISSING' | 'STORE_CORRUPT',
  ) {
    super(message);
  }
}

/** A {@link ContentStore} in a local or mounted directory: `sha256/ab/<hash>` and `manifests/<dataVersion>.json`. */
export class DirectoryStore implements ContentStore {
  constructor(readonly location: string) {}

  private blob(sha256: string): string {
    return join(this.location, 'sha256', sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.blob(sha256)).then(() => true, () => false);
  }

  async put(sha256: string, path: string): Promise<void> {
    if (await this.has(sha256)) return;
    await copyAtomic(path, this.blob(sha256));
  }

  async get(sha256: string, path: string): Promise<void> {
    if (!(await this.has(sha256))) throw new StoreError(`${this.location} has no blob ${sha256}. Push the snapshot first.`, 'STORE_MISSING');
    await copyAtomic(this.blob(sha256), path);
  }

  async putManifest(dataVersion: string, json: string): Promise<void> {
    await writeFileAtomic(join(this.location, 'manifests', `${dataVersion}.json`), json);
  }

  async getManifest(dataVersion: string): Promise<string> {
    return readFile(join(this.location, 'manifests', `${dataVersion}.json`), 'utf8').catch(() => {
      throw new StoreError(`${this.location} has no manifest for data version ${dataVersion}.`, 'STORE_MISSING');
    });
  }
}

async function copyAtomic(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const tmp = `${to}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await copyFile(from, tmp);
    await rename(tmp, to);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
