// A PromQL expression's metric names, for checking that the alerts and the dashboard read only what
// is scraped. Hand-written: Prometheus 2.42 has no parse API, and no PromQL parser is on npm for TS.
const notMetrics = new Set(['and', 'or', 'unless', 'by', 'on', 'bool', 'offset', 'without', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The metric names `expr` reads: identifiers that are not functions, keywords, label names or label values. */
export function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|on|without|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const words = [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!);
  return [...new Set(words.filter((w) => !notMetrics.has(w.toLowerCase())))];
}
