import { z } from 'zod';

const upstream = z.strictObject({ release: z.string(), port: z.number().int().min(1).max(65535) });

/**
 * `route.json` in a blue/green environment: where the proxy sends requests. `live` answers;
 * `fallback` (the release being replaced, still running) answers a request `live` could not take
 * (connection refused or reset before any answer); `shadow` gets a copy of every request, and its
 * answer is logged, never returned.
 */
export const routeSchema = z.strictObject({
  live: upstream,
  fallback: upstream.optional(),
  shadow: upstream.optional(),
});
export type Route = z.infer<typeof routeSchema>;
export type Upstream = z.infer<typeof upstream>;

/** One line of the shadow log: the same request answered by the champion (returned) and the challenger (not returned). */
export const shadowRecordSchema = z.object({
  at: z.iso.datetime(),
  requestId: z.string(),
  method: z.string(),
  path: z.string(),
  live: z.object({ release: z.string(), status: z.number(), ms: z.number(), body: z.unknown() }),
  shadow: z.object({ release: z.string(), status: z.number(), ms: z.number(), body: z.unknown(), error: z.string().optional() }),
});
export type ShadowRecord = z.infer<typeof shadowRecordSchema>;

/** The response header that names the release that answered, set by the proxy. */
export const RELEASE_HEADER = 'x-cd4ml-release';
