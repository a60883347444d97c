/**
 * An error with an HTTP status and a stable code; the one error handler ({@link errorHandler})
 * turns it into JSON.
 * @example throw new HttpError(404, 'UNKNOWN_STATION', 'unknown station "airport": the model knows central, harbour')
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** `cause`: what went wrong inside, for the server's log; never sent to the client. */
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
