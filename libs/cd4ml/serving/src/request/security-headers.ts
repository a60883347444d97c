import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for a JSON API, on every response: the set OWASP's REST Security Cheat Sheet
 * lists for APIs (a CSP that allows nothing, no framing, nosniff, HSTS, CORP).
 */
export function apiSecurityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xPoweredBy: false, // Express's own is off
  });
}

/**
 * helmet's full set, for pages: served over plain HTTP on loopback too, so no
 * upgrade-insecure-requests; the page loads nothing from elsewhere.
 */
export function pageSecurityHeaders(): RequestHandler {
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}
