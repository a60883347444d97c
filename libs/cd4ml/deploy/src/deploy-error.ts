/** What went wrong in a release or deploy step; fixed codes, so scripts and tests can tell them apart. */
export type DeployErrorCode =
  | 'BUILD_FAILED'
  | 'RELEASE_INVALID'
  | 'RELEASE_MISSING'
  | 'MODEL_NOT_GATED'
  | 'ENV_INVALID'
  | 'ENV_BUSY'
  | 'PORT_IN_USE'
  | 'START_FAILED'
  | 'NOT_READY'
  | 'SMOKE_FAILED'
  | 'NOT_APPROVED'
  | 'NOT_DEPLOYED'
  | 'NOTHING_TO_ROLL_BACK';

/**
 * An error of the release and deploy steps. Its message says what failed, where (the file, the
 * environment, the port) and how to fix it; the CLI prints it without a stack trace.
 */
export class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    readonly code: DeployErrorCode,
    message: string,
  ) {
    super(message);
  }
}
