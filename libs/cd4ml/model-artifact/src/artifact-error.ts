export type ArtifactErrorCode = 'MODEL_MISSING' | 'MODEL_INVALID' | 'MODEL_CORRUPT' | 'MODEL_INCOMPATIBLE';

/** A model artifact that must not be used, with what to do about it. */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
  constructor(
    readonly code: ArtifactErrorCode,
    message: string,
  ) {
    super(message);
  }
}
