import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's prometheus package puts promtool; `PROMTOOL` overrides it. */
export const promtoolPath = process.env['PROMTOOL'] ?? '/usr/bin/promtool';

/**
 * Runs promtool. It is required, never skipped: without it the alert rules would go untested, so
 * its absence is an error that says how to install it.
 */
export function promtool(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  if (!existsSync(promtoolPath)) {
    throw new Error(`promtool is not installed (looked for ${promtoolPath}). Install Debian's prometheus package, which has it: apt-get install -y prometheus (.ci/run does), or set PROMTOOL to its path.`);
  }
  return new Promise((resolve) => {
    execFile(promtoolPath, args, { cwd }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }));
  });
}
