export type RegistryErrorCode = 'NOT_FOUND' | 'AMBIGUOUS' | 'NOTHING_TO_ROLL_BACK' | 'INVALID' | 'CORRUPT';

/** A registry operation that cannot be done, with what to do instead. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
  }
}
