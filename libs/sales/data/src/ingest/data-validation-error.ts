/** A raw file that cannot be used at all: it names the file and what to fix. Row-level problems go to quarantine instead. */
export class DataValidationError extends Error {
  override readonly name = 'DataValidationError';
  readonly code = 'DATA_INVALID';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
