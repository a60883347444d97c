import { stripAnsi } from './nx-output.ts';

const MAX_LINES = 14;
const MAX_WIDTH = 300;
// What test runners and our own CLIs print when a check fails (vitest, Pact, the gate and data CLIs).
const FAILURE_LINE = /\bFAIL\b|✗|×|\bfailed\b|\bfailures?\b|AssertionError|^\s*Error:|Verification unsuccessful|is missing the following keys/i;

/**
 * Why a stage failed, in a few lines taken from its own output. Every CLI of the layout ends a
 * failure with `error: <what, where, how to fix>` (`runMain`); the gate CLI's error names each
 * failed gate with its figure and its bar, the data CLI's names each failed check. A stage that
 * is not one of ours (a test runner) gets the lines that say what failed, else its last lines.
 */
export function failureReason(output: readonly string[]): string[] {
  // A line is cut at 300 characters: a test runner may print a whole JSON report on one line.
  const lines = output.map((l) => stripAnsi(l).replace(/\s+$/, '')).map((l) => (l.length > MAX_WIDTH ? `${l.slice(0, MAX_WIDTH)}…` : l));
  const start = lines.findIndex((l) => l.startsWith('error: '));
  if (start >= 0) {
    const block = [lines[start]!];
    for (const l of lines.slice(start + 1)) {
      if (!/^\s/.test(l) || l.trim() === '') break;
      block.push(l);
    }
    return block.slice(0, MAX_LINES);
  }
  const failing = lines.filter((l) => FAILURE_LINE.test(l) && l.trim() !== '');
  if (failing.length > 0) return dedupe(failing).slice(-MAX_LINES);
  return lines.filter((l) => l.trim() !== '').slice(-MAX_LINES);
}

function dedupe(lines: readonly string[]): string[] {
  return lines.filter((l, i) => lines.indexOf(l) === i);
}
