import type { TaskBlock } from './nx-output.ts';
import { renderBoard, type StageBoard } from './stage-board.ts';

/** How a run shows itself while it runs: each task's own output once, and the state of the stages. */
export interface RunView {
  /** A task is over: print its output (once), update the table. */
  taskOver(task: TaskBlock): void;
  /** Text that belongs to no task (Nx's own messages, stderr). */
  other(text: string): void;
  /** The run is over: the table shows the final figures and stops moving. */
  close(): void;
}

/** The heading printed above a task's output, e.g. "── my-model:train (ran) ──". */
export function taskHeading(task: TaskBlock, isStage: boolean): string {
  return `── ${task.id} (${task.cached ? 'from the Nx cache' : isStage ? 'ran' : 'ran, upstream of a stage'}) ──`;
}

/**
 * Plain lines, for logs and CI: each task's heading and its output when it is over; cache hits
 * of stages get their heading only (their output was printed when they ran).
 */
export function logView(board: StageBoard, write: (text: string) => void): RunView {
  const isStage = (id: string) => board.stages.some((s) => s.stage === id);
  return {
    taskOver(task) {
      board.taskOver(task.id, task.cached);
      if (task.cached && !isStage(task.id)) return;
      write(`${taskHeading(task, isStage(task.id))}\n${task.lines.length > 0 ? `${task.lines.join('\n')}\n` : ''}`);
    },
    other: write,
    close() {},
  };
}

/**
 * A live table at the bottom of a terminal, redrawn in place (four times a second while a stage
 * runs); the tasks' output scrolls above it.
 */
export function terminalView(board: StageBoard, stream: NodeJS.WriteStream): RunView {
  let drawn = 0;
  const width = () => stream.columns || 100;
  const erase = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    const lines = renderBoard(board, { width: width(), colour: true });
    stream.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const print = (text: string) => {
    erase();
    stream.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    draw();
  };
  const timer = setInterval(() => {
    erase();
    draw();
  }, 250);
  timer.unref();
  const isStage = (id: string) => board.stages.some((s) => s.stage === id);
  draw();
  return {
    taskOver(task) {
      board.taskOver(task.id, task.cached);
      if (task.cached || task.lines.length === 0) print('');
      else print(`\x1b[1m${taskHeading(task, isStage(task.id))}\x1b[0m\n${task.lines.join('\n')}\n`);
    },
    other: print,
    close() {
      clearInterval(timer);
      erase();
      draw();
    },
  };
}
