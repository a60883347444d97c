/** A raw file that cannot be used at all: it names the file and what to fix. Row-level problems go to quarantine instead. */
export class DataValidationError extends Error {
  override readonly name = 'DataValidationError';
  readonly code = 'DATA_INVALID';
  /**
   * @param file the file at fault, e.g. train.csv
   * @param detail what is wrong and what to do, without the file name
   */
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
