/** What stops the monitor or the feedback loop (not an alert: alerts are the monitor's findings); fixed codes, plain messages. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
  constructor(
    readonly code: 'NO_PROFILE' | 'NO_INPUT' | 'MONITOR_ALERT' | 'FEEDBACK_INVALID' | 'NO_DEFINITION',
    message: string,
  ) {
    super(message);
  }
}
