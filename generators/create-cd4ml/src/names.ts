import type { Options } from './options.ts';

/** A name of the template to replace with the user's, everywhere it occurs in text files. */
export interface NameSubstitution {
  pattern: RegExp;
  replacement: string;
}

/**
 * The names a template carries and what replaces them. The reference's own packages
 * (`@cd4ml/sales-model`, ..., every workspace package outside the platform) take the user's scope,
 * and its root package name takes the project name; the platform keeps `@cd4ml/*`, so a later
 * update can find its files. The minimal template is written with the tokens `@minimal/` and
 * `cd4ml-minimal`.
 *
 * @param domainPackages the reference's non-platform package names, e.g. ["@cd4ml/sales-model"]
 */
export function nameSubstitutions(o: Pick<Options, 'name' | 'scope' | 'template'>, domainPackages: readonly string[]): NameSubstitution[] {
  if (o.template === 'minimal') {
    return [
      { pattern: /@minimal\//g, replacement: `${o.scope}/` },
      { pattern: /\bcd4ml-minimal\b/g, replacement: o.name },
    ];
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const rest = domainPackages
    .filter((n) => n.startsWith('@cd4ml/'))
    .map((n) => n.slice('@cd4ml/'.length))
    .sort((a, b) => b.length - a.length)
    .map(escape);
  return [
    // "@cd4ml/" followed by a whole domain package name (not a longer one): "@cd4ml/sales-model" but never "@cd4ml/fs".
    ...(rest.length > 0 ? [{ pattern: new RegExp(`@cd4ml/(?=(?:${rest.join('|')})(?![\\w-]))`, 'g'), replacement: `${o.scope}/` }] : []),
    // The root package's own name, in package.json and package-lock.json.
    { pattern: /^(\s*"name": )"cd4ml"/gm, replacement: `$1${JSON.stringify(o.name)}` },
  ];
}

/** Applies the substitutions to a text; binary content (a NUL byte, or not UTF-8) passes unchanged. */
export function substitute(bytes: Uint8Array, subs: readonly NameSubstitution[]): Uint8Array {
  if (subs.length === 0 || bytes.includes(0)) return bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
  let out = text;
  for (const s of subs) out = out.replace(s.pattern, s.replacement);
  return out === text ? bytes : new TextEncoder().encode(out);
}
