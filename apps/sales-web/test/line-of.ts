import type { Readable } from 'node:stream';

/**
 * Resolves with the first line of `stream` that matches `pattern`: a test waits for a process's
 * own word instead of sleeping. Rejects, with what was seen, if the stream ends first.
 */
export function lineOf(stream: Readable, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer | string) => {
      seen += String(chunk);
      const line = seen.split('\n').find((l) => pattern.test(l));
      if (line === undefined) return;
      stream.off('data', onData);
      stream.off('end', onEnd);
      resolve(line);
    };
    const onEnd = () => reject(new Error(`no line matching ${pattern} before the stream ended:\n${seen}`));
    stream.on('data', onData);
    stream.once('end', onEnd);
  });
}
