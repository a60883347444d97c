import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden temporary sibling of `target` left by a write: `.<name>.<pid>-<hex>.tmp`, or `.tmp.old` for a folder moved aside. */
export interface Leftover {
  path: string;
  /** The process that made it; undefined for names written before the pid was part of them. */
  pid?: number;
  /** A folder swap's previous content, moved aside before the new one was renamed in. */
  old: boolean;
}

/** A fresh temporary sibling of `target`, named after this process so another can tell whether its writer still runs. */
export function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * The temporary siblings of `target` whose writer is gone (killed, crashed): a live process's
 * temporaries, this one's included, are in use and never listed.
 */
export async function deadLeftovers(target: string): Promise<Leftover[]> {
  const name = basename(target);
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return [];
  }
  const prefix = `.${name}.`;
  const out: Leftover[] = [];
  for (const entry of names) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(?:(\d+)-)?[0-9a-f]{12}\.tmp(\.old)?$/.exec(entry.slice(prefix.length));
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && isAlive(pid)) continue;
    out.push({ path: join(dirname(target), entry), ...(pid === undefined ? {} : { pid }), old: match[2] !== undefined });
  }
  return out;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
