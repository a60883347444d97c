import type { Manifest } from '../manifest.ts';

type FileEntry = Manifest['files'][string];

/** What happened to one file between a recorded manifest and the files now on disk. */
export interface FileChange {
  file: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Rows now minus rows recorded (0 for unchanged). */
  rowDelta: number;
  bytesDelta: number;
  /** The header changed: columns added, removed, renamed or reordered. */
  schemaChanged: boolean;
  columnsAdded: string[];
  columnsRemoved: string[];
}

/**
 * Compares two manifests file by file: which files were added, removed or changed, by how many
 * rows and bytes, and whether their schema changed. Sorted by file name.
 *
 * @example diffManifests(committed, await buildManifest(dir, names))
 */
export function diffManifests(before: Manifest, after: Manifest): FileChange[] {
  const names = [...new Set([...Object.keys(before.files), ...Object.keys(after.files)])].sort();
  return names.map((file) => compare(file, before.files[file], after.files[file]));
}

function compare(file: string, was: FileEntry | undefined, now: FileEntry | undefined): FileChange {
  const columnsWas = was?.columns ?? [];
  const columnsNow = now?.columns ?? [];
  return {
    file,
    change: !was ? 'added' : !now ? 'removed' : was.sha256 === now.sha256 ? 'unchanged' : 'changed',
    rowDelta: (now?.rows ?? 0) - (was?.rows ?? 0),
    bytesDelta: (now?.bytes ?? 0) - (was?.bytes ?? 0),
    schemaChanged: !!was && !!now && was.schemaHash !== now.schemaHash,
    columnsAdded: was && now ? columnsNow.filter((c) => !columnsWas.includes(c)) : [],
    columnsRemoved: was && now ? columnsWas.filter((c) => !columnsNow.includes(c)) : [],
  };
}

/** One line per file, for a terminal: `changed  train.csv  +1,204 rows  schema: +onpromotion`. */
export function formatChanges(changes: readonly FileChange[]): string {
  return changes
    .map((c) => {
      const rows = c.change === 'unchanged' ? '' : `${c.rowDelta >= 0 ? '+' : ''}${c.rowDelta.toLocaleString('en')} rows`;
      const schema = c.schemaChanged ? `  schema: ${[...c.columnsAdded.map((x) => `+${x}`), ...c.columnsRemoved.map((x) => `-${x}`)].join(' ') || 'columns reordered'}` : '';
      return `${c.change.padEnd(9)} ${c.file.padEnd(24)} ${rows}${schema}`.trimEnd();
    })
    .join('\n');
}
