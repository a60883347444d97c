/** An error answer from the sales API, with its HTTP status, the API's stable code and the request id. */
export class SalesApiError extends Error {
  override readonly name = 'SalesApiError';
  constructor(
    readonly status: number,
    /** The API's error code (e.g. `UNKNOWN_ITEM`), or `HTTP_<status>` when the answer was not the API's JSON. */
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}
