/** Reads a package.json `exports` field into subpath -> file (the "default" or "import" condition). */
export function exportsOf(packageJson: { exports?: unknown; main?: unknown }): Record<string, string> {
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return pick(o['import'] ?? o['default'] ?? o['node']);
    }
    return undefined;
  };
  const exp = packageJson.exports;
  if (typeof exp === 'string') return { '.': exp };
  if (exp && typeof exp === 'object') {
    const entries = Object.entries(exp as Record<string, unknown>);
    if (entries.every(([k]) => !k.startsWith('.'))) {
      const one = pick(exp);
      return one ? { '.': one } : {};
    }
    return Object.fromEntries(entries.flatMap(([k, v]) => (pick(v) ? [[k, pick(v)!]] : [])));
  }
  return typeof packageJson.main === 'string' ? { '.': packageJson.main } : {};
}

