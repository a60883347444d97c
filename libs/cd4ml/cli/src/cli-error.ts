/**
 * An error a CLI raises on purpose: `runMain` prints its message without a stack trace and exits 1.
 * `code` is fixed per kind of problem, so scripts and tests can tell them apart.
 *
 * @example throw new CliError('BAD_GRID', 'give at least one --set key=v1,v2')
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
