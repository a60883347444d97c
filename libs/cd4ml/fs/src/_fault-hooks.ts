/**
 * Test hooks for fault injection, read from the environment variable `CD4ML_FAULT` at the moment
 * they apply, so a test can aim one at a real child process (the reliability suite does). Unset,
 * each costs one environment lookup. Several hooks are separated by commas:
 *
 * - `kill-at-swap:<text>`: the process SIGKILLs itself between the two renames of a folder swap
 *   ({@link replaceDirAtomic}) whose target path contains `<text>`: the worst moment for a crash.
 * - `enospc:<text>`: a file written by {@link writeFileAtomic} whose path contains `<text>` fails
 *   with ENOSPC after half its bytes, as on a disk that filled up mid-write.
 *
 * Never set it outside tests.
 */
const VARIABLE = 'CD4ML_FAULT';

type Hook = 'kill-at-swap' | 'enospc';

function aimed(hook: Hook, path: string): boolean {
  const value = process.env[VARIABLE];
  if (!value) return false;
  return value.split(',').some((entry) => {
    const at = entry.indexOf(':');
    const name = at < 0 ? entry : entry.slice(0, at);
    const text = at < 0 ? '' : entry.slice(at + 1);
    return name === hook && path.includes(text);
  });
}

/** SIGKILLs this process when `kill-at-swap` aims at `dir`. */
export function killAtSwap(dir: string): void {
  if (aimed('kill-at-swap', dir)) process.kill(process.pid, 'SIGKILL');
}

/** The ENOSPC error Node raises for a write on a full disk (it names no path), when `enospc` aims at `path`. */
export function injectedEnospc(path: string): NodeJS.ErrnoException | undefined {
  if (!aimed('enospc', path)) return undefined;
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}
