import type { NodePlopAPI } from 'node-plop';
import { answersFromFlags, readPrompts, type Flags } from '../flags.ts';

/**
 * Runs a generator in-process as the CLI does: answers from flags, checked by the generator's own
 * validate functions; actions only when every answer is there and valid.
 */
export async function runGenerator(plop: NodePlopAPI, name: string, flags: Flags) {
  const generator = plop.getGenerator(name);
  const { answers, missing, problems } = await answersFromFlags(readPrompts(name, generator.prompts), flags);
  if (missing.length > 0 || problems.length > 0) return { missing: missing.map((p) => p.name), problems, changes: [], failures: [], comments: [] };
  const comments: string[] = [];
  const { changes, failures } = await generator.runActions(answers, { onComment: (c) => comments.push(c) });
  return { missing: [], problems, changes, failures, comments };
}
