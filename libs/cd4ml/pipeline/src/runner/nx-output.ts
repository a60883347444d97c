/** One task as Nx's static output reports it when the task is over: its id, whether it came from the cache, what it printed. */
export interface TaskBlock {
  /** `project:target`. */
  id: string;
  cached: boolean;
  /** The task's own output (empty for a cache hit of another project: Nx does not replay it in static mode). */
  lines: string[];
}

// "> nx run my-model:train", then two spaces and a cache marker for a hit.
const HEADER = /^> nx run (\S+)(.*?)(?:\s+\[(local cache|remote cache|existing outputs match the cache, left as is)\])?\s*$/;
// Nx's own banners (" NX   Running target ...", " NX   Successfully ran ..."): not task output.
const BANNER = /^\s*NX\s{2,}\S/;
// eslint-disable-next-line no-control-regex -- ANSI escape sequences are control characters by definition
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Removes colours and cursor moves, for matching (the text shown keeps them). */
export const stripAnsi = (text: string) => text.replace(ANSI, '');

/**
 * Splits the output of `nx run ... --outputStyle=static` into tasks. In static mode Nx prints each
 * task once, when it is over: a `> nx run <id>` header (marked when it came from the cache), then
 * the task's output; it never replays the output of a cached upstream task of another project. So
 * a header is a "task over" event, and the runner can print each stage's own output once.
 *
 * Feed it chunks as they arrive; lines that belong to no task (Nx's banners, its errors before any
 * task) go to `onOther`.
 */
export class NxOutputParser {
  private partial = '';
  private current?: TaskBlock;
  private inFooter = false;

  constructor(
    private readonly onTask: (task: TaskBlock) => void,
    private readonly onOther: (line: string) => void = () => {},
  ) {}

  push(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line.replace(/\r$/, ''));
  }

  /** Call when Nx has exited: the last task is over. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    this.flush();
  }

  private line(raw: string): void {
    const plain = stripAnsi(raw).replace(/^::group::\S*\s*/, '');
    const header = HEADER.exec(plain);
    if (header) {
      this.flush();
      this.inFooter = false;
      this.current = { id: header[1]!, cached: header[3] !== undefined, lines: [] };
      return;
    }
    if (BANNER.test(plain)) {
      this.flush();
      this.inFooter = true;
    }
    if (this.current && !this.inFooter) this.current.lines.push(raw);
    else this.onOther(raw);
  }

  private flush(): void {
    const task = this.current;
    if (!task) return;
    this.current = undefined;
    // Nx frames each block with blank lines; a task's own blank lines inside stay.
    while (task.lines.length > 0 && stripAnsi(task.lines[0]!).trim() === '') task.lines.shift();
    while (task.lines.length > 0 && /^(\s*|::endgroup::)$/.test(stripAnsi(task.lines.at(-1)!))) task.lines.pop();
    this.onTask(task);
  }
}
