/** What stops the monitor (not an alert: alerts are its findings); fixed codes, plain messages. */
export class MonitorError extends Error {
  override readonly name = 'MonitorError';
  constructor(
    readonly code: 'NO_PROFILE' | 'NO_INPUT' | 'MONITOR_ALERT',
    message: string,
  ) {
    super(message);
  }
}
