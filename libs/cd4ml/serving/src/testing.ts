import { open, type FileHandle } from 'node:fs/promises';
import type { ActualsHandle, OpenActuals } from './actuals/actuals-store.ts';

// Seams for the tests of apps built on @cd4ml/serving (`@cd4ml/serving/testing`); never for serving.

/**
 * Opens the actuals file with node's own handle, some of its operations replaced: the seam
 * (`openFile` of the actuals route and store) through which a test fills the disk or fails a sync,
 * since root ignores permissions and a small tmpfs may not be mountable.
 * @example openActualsWith((real) => ({ write: () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) }))
 */
export function openActualsWith(replace: (real: FileHandle) => Partial<ActualsHandle>): OpenActuals {
  return async (path) => {
    const real = await open(path, 'a+');
    return {
      stat: () => real.stat(),
      read: (buffer, offset, length, position) => real.read(buffer, offset, length, position),
      write: (buffer, offset, length, position) => real.write(buffer, offset, length, position),
      datasync: () => real.datasync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
      ...replace(real),
    };
  };
}
