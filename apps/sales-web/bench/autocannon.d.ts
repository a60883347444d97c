// The few parts of autocannon's API the bench uses (the package ships no types; @types/autocannon
// would be one more dependency for three fields).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      requests?: { method?: 'GET' | 'POST'; path?: string; body?: string; headers?: Record<string, string> }[];
    }
    interface Result {
      requests: { average: number };
      latency: { p50: number; p99: number };
      non2xx: number;
      errors: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
