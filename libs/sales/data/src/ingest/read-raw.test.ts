import { describe, expect, it } from 'vitest';
import { rawFileError } from './read-raw.ts';

const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('rawFileError', () => {
  // Tests run as root, who reads every file: the permission case is checked through its error code.
  it.each([
    ['ENOENT', 'DATA_INVALID', 'items.csv: missing from /data/raw. Generate a snapshot or copy the Kaggle file there.'],
    ['EACCES', 'FILE_UNREADABLE', "/data/raw/items.csv: permission denied. Check the file's owner and mode."],
    ['EPERM', 'FILE_UNREADABLE', "/data/raw/items.csv: permission denied. Check the file's owner and mode."],
    ['EISDIR', 'FILE_UNREADABLE', '/data/raw/items.csv is a directory, not a file.'],
  ])('%s -> %s: %s', (code, errorCode, message) => {
    const error = rawFileError(failure(code), '/data/raw', 'items.csv');
    expect(error.code).toBe(errorCode);
    expect(error.message).toBe(message);
  });
});
