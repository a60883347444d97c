/** What a client polling a URL saw: every answer's status and the release that gave it. */
export interface PollResult {
  requests: number;
  failures: { at: number; what: string }[];
  /** Releases that answered (the proxy's header, or the answer's `version`), in order of first appearance. */
  answeredBy: string[];
  /** How many 200 answers each release gave (by the same header). */
  answersBy: Record<string, number>;
}

/**
 * A client that keeps asking `url` (several requests in flight) until `stop` is called, as a user
 * would during a deploy. A failure is anything but a 200 answer.
 */
export function poll(url: string, o: { concurrency?: number; header?: string; init?: RequestInit } = {}): { stop: () => Promise<PollResult>; answers: (release: string, count: number) => Promise<void> } {
  const result: PollResult = { requests: 0, failures: [], answeredBy: [], answersBy: {} };
  let running = true;
  const waiting: { release: string; count: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of [...waiting]) {
      if ((result.answersBy[w.release] ?? 0) >= w.count) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const worker = async () => {
    while (running) {
      result.requests++;
      try {
        const res = await fetch(url, { ...o.init, signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        if (res.status !== 200) result.failures.push({ at: Date.now(), what: `${res.status} ${text.slice(0, 200)}` });
        const by = o.header ? res.headers.get(o.header) : undefined;
        if (by && !result.answeredBy.includes(by)) result.answeredBy.push(by);
        if (by && res.status === 200) result.answersBy[by] = (result.answersBy[by] ?? 0) + 1;
        settle();
      } catch (error) {
        result.failures.push({ at: Date.now(), what: (error as Error).message });
      }
    }
  };
  const workers = Array.from({ length: o.concurrency ?? 4 }, worker);
  return {
    /** Resolves once `release` has given `count` answers: wait on events, never on a clock (a busy machine answers fewer per second). */
    answers: (release, count) =>
      new Promise<void>((resolve) => {
        waiting.push({ release, count, resolve });
        settle();
      }),
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return result;
    },
  };
}
