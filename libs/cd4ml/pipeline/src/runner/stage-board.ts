import type { StageRow } from './run-pipeline.ts';

/** What the live table shows for a stage; `done` is a stage that ran and is over, before Nx says how it ended. */
export type LiveStatus = 'waiting' | 'running' | 'done' | StageRow['outcome'];

/** One stage on the board: what it waits for, and what it is doing. */
export interface BoardStage {
  stage: string;
  description: string;
  /** Tasks (stages or not, such as a consumer's tests) that must be over before it can start. */
  deps: readonly string[];
  status: LiveStatus;
  /** When it started running (board clock, ms); its duration once Nx has reported it. */
  since?: number;
  seconds?: number;
}

/**
 * The state of a pipeline run as the live table shows it. Nx's static output says when a task is
 * over, not when it starts: a stage is shown running from the moment every task it waits for is
 * over (with two workers, it may still sit in Nx's queue for a moment). Exact figures replace the
 * estimates when Nx's own task results arrive ({@link finish}).
 */
export class StageBoard {
  readonly stages: BoardStage[];
  private readonly over = new Set<string>();

  constructor(
    stages: readonly { stage: string; description: string; deps: readonly string[] }[],
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.stages = stages.map((s) => ({ ...s, status: 'waiting' }));
    this.promote();
  }

  /** A task is over (Nx printed its block): a cache hit, or a run whose outcome comes later. */
  taskOver(id: string, cached: boolean): BoardStage | undefined {
    this.over.add(id);
    const stage = this.stages.find((s) => s.stage === id);
    if (stage) {
      stage.status = cached ? 'cached' : 'done';
      stage.seconds = cached ? 0 : (this.clock() - (stage.since ?? this.clock())) / 1000;
    }
    this.promote();
    return stage;
  }

  /** Final outcomes and durations, from Nx's task results. */
  finish(rows: readonly StageRow[]): void {
    for (const row of rows) {
      const stage = this.stages.find((s) => s.stage === row.stage);
      if (!stage) continue;
      stage.status = row.outcome;
      stage.seconds = row.seconds;
    }
  }

  /** Seconds a stage has taken so far (running) or took (over). */
  elapsed(stage: BoardStage): number | undefined {
    if (stage.status === 'running' && stage.since !== undefined) return (this.clock() - stage.since) / 1000;
    return stage.seconds;
  }

  private promote(): void {
    for (const s of this.stages) {
      if (s.status === 'waiting' && s.deps.every((d) => this.over.has(d))) {
        s.status = 'running';
        s.since = this.clock();
      }
    }
  }
}

const MARK: Record<LiveStatus, string> = { waiting: '·', running: '▸', done: '✓', ran: '✓', cached: '↺', failed: '✗', skipped: '–', 'not run': ' ' };
const COLOUR: Partial<Record<LiveStatus, string>> = { running: '36', done: '32', ran: '32', cached: '2', failed: '31', skipped: '33' };

/**
 * The table, one line per stage: mark, stage, status, seconds, description (cut to `width`).
 * @param colour ANSI colours (a terminal) or none (a log)
 */
export function renderBoard(board: StageBoard, o: { width: number; colour: boolean }): string[] {
  const nameWidth = board.stages.reduce((w, s) => Math.max(w, s.stage.length), 5);
  return board.stages.map((s) => {
    const seconds = board.elapsed(s);
    const time = seconds === undefined ? '' : `${seconds.toFixed(1)}s`;
    const status = s.status === 'done' ? 'ran' : s.status;
    const line = `  ${MARK[s.status]} ${s.stage.padEnd(nameWidth)}  ${status.padEnd(8)}${time.padStart(7)}  ${s.description}`;
    const cut = line.length > o.width ? `${line.slice(0, Math.max(0, o.width - 1))}…` : line;
    const code = COLOUR[s.status];
    return o.colour && code ? `\x1b[${code}m${cut}\x1b[0m` : cut;
  });
}
