/** What a client polling a URL saw: every answer's status and the release that gave it. */
export interface PollResult {
  requests: number;
  failures: { at: number; what: string }[];
  /** Releases that answered (the proxy's header, or the answer's `version`), in order of first appearance. */
  answeredBy: string[];
}

/**
 * A client that keeps asking `url` (several requests in flight) until `stop` is called, as a user
 * would during a deploy. A failure is anything but a 200 answer.
 */
export function poll(url: string, o: { concurrency?: number; header?: string; init?: RequestInit } = {}): { stop: () => Promise<PollResult> } {
  const result: PollResult = { requests: 0, failures: [], answeredBy: [] };
  let running = true;
  const worker = async () => {
    while (running) {
      result.requests++;
      try {
        const res = await fetch(url, { ...o.init, signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        if (res.status !== 200) result.failures.push({ at: Date.now(), what: `${res.status} ${text.slice(0, 200)}` });
        const by = o.header ? res.headers.get(o.header) : undefined;
        if (by && !result.answeredBy.includes(by)) result.answeredBy.push(by);
      } catch (error) {
        result.failures.push({ at: Date.now(), what: (error as Error).message });
      }
    }
  };
  const workers = Array.from({ length: o.concurrency ?? 4 }, worker);
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return result;
    },
  };
}
