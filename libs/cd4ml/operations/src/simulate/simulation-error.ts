/** What stops a simulation: fixed codes, and a message saying what it was doing and against what. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    readonly code: 'NO_STAGE' | 'STAGE_FAILED' | 'APP_UNREACHABLE' | 'APP_REFUSED' | 'BAD_OPTION',
    message: string,
    /** For a failed stage: which one, and what it said on stderr (a gate names the gates that failed there). */
    readonly detail?: { stage: string; stderr: string },
  ) {
    super(message);
  }
}
