import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on an interactive terminal; elsewhere (CI, logs) a plain line every 25%,
 * so long stages show they are alive without flooding a log file.
 */
export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, stream, hideCursor: true });
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let nextQuarter = 1;
  return {
    update(done) {
      // One line for the highest quarter reached, so coarse updates do not print "25%" and "50%" at the same count.
      let reached = nextQuarter - 1;
      while (total > 0 && reached < 4 && done >= (total * (reached + 1)) / 4) reached += 1;
      if (reached >= nextQuarter) {
        stream.write(`${label}: ${reached * 25}% (${done}/${total})\n`);
        nextQuarter = reached + 1;
      }
    },
    stop() {},
  };
}
