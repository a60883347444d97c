/** Why a file could not be used. */
export type FileErrorCode = 'FILE_MISSING' | 'FILE_UNREADABLE' | 'FILE_INVALID' | 'FILE_UNWRITABLE';

/**
 * A file that is missing, unreadable or malformed. The message always names the file, and for a
 * malformed file the field, so a person can fix it without a stack trace.
 */
export class FileError extends Error {
  override readonly name = 'FileError';
  constructor(
    readonly code: FileErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns an I/O error into a {@link FileError} that names `path`: a missing file (ENOENT) is told
 * apart from one that cannot be read (EACCES, EISDIR, ...), so "permission denied" is never
 * reported as "absent". `hint` says what to do about a missing file.
 */
export function fileErrorFrom(error: unknown, path: string, hint = ''): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  const tail = hint ? ` ${hint}` : '';
  if (code === 'ENOENT') return new FileError('FILE_MISSING', path, `${path} does not exist.${tail}`);
  if (code === 'EACCES' || code === 'EPERM') return new FileError('FILE_UNREADABLE', path, `${path}: permission denied. Check the file's owner and mode.`);
  if (code === 'EISDIR') return new FileError('FILE_UNREADABLE', path, `${path} is a directory, not a file.`);
  return new FileError('FILE_UNREADABLE', path, `${path} cannot be read: ${(error as Error).message}`);
}

/** What to do about a write that failed with this errno. */
const WRITE_ADVICE: Record<string, string> = {
  ENOSPC: 'no space left on device (ENOSPC). Free some space and run again.',
  EDQUOT: 'disk quota exceeded (EDQUOT). Free some space or raise the quota, and run again.',
  EROFS: 'the file system is read-only (EROFS). Write somewhere else.',
  EACCES: "permission denied. Check the folder's owner and mode.",
  EPERM: "permission denied. Check the folder's owner and mode.",
};

/**
 * Turns a failed write into a {@link FileError} with code `FILE_UNWRITABLE` that names `path`:
 * Node's own error for a write on a full disk ("ENOSPC: no space left on device, write") names none.
 * A FileError that already names a path is returned as it is.
 */
export function fileWriteErrorFrom(error: unknown, path: string): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const advice = WRITE_ADVICE[code] ?? (error as Error).message;
  return new FileError('FILE_UNWRITABLE', path, `${path} could not be written: ${advice}`);
}
