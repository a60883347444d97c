import { CliError } from '@cd4ml/cli';
import { z } from 'zod';
import type { Answers } from './generator.ts';

/** A generator's question as the CLI reads it back from node-plop: the plopfile's own prompt, with its validate. */
const promptSchema = z.looseObject({
  type: z.enum(['input', 'confirm']),
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  message: z.string(),
  example: z.string(),
  default: z.union([z.string(), z.boolean()]).optional(),
  validate: z.custom<(value: unknown, answers: Answers) => unknown>((v) => typeof v === 'function').optional(),
});
export type Prompt = z.infer<typeof promptSchema>;

/** The prompts of a generator, checked: each becomes a flag. */
export function readPrompts(generator: string, prompts: unknown): Prompt[] {
  const parsed = z.array(promptSchema).safeParse(prompts);
  if (!parsed.success) throw new CliError('UNSUPPORTED_PROMPT', `generator ${generator}: its prompts cannot be given as flags:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag of a question: `--name <name>`, or `--pipeline` for a yes/no question. */
export const flagOf = (p: Prompt): string => (p.type === 'confirm' ? `--${kebab(p.name)}` : `--${kebab(p.name)} <${kebab(p.name)}>`);

/** What flags gave: strings, and booleans for yes/no questions, keyed by question name (commander's camelCase). */
export type Flags = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Answers from flags, then defaults, in question order. Every answer up to the first missing one is
 * checked by the generator's own validate function, given the answers before it, and every problem
 * is listed at once.
 *
 * @returns the answers, the questions nobody answered (no flag, no default), and the problems
 */
export async function answersFromFlags(prompts: readonly Prompt[], flags: Flags): Promise<{ answers: Answers; missing: Prompt[]; problems: string[] }> {
  const answers: Answers = {};
  const missing: Prompt[] = [];
  const problems: string[] = [];
  for (const p of prompts) {
    const given = flags[p.name];
    const value = given ?? p.default;
    if (value === undefined) {
      missing.push(p);
      continue;
    }
    answers[p.name] = typeof value === 'string' ? value.trim() : value;
    // A check may depend on an earlier answer (a stage on its project): none after a missing one.
    if (p.type === 'input' && p.validate && missing.length === 0) {
      const verdict: unknown = await p.validate(answers[p.name], { ...answers });
      if (verdict !== true) problems.push(`${flagOf(p).split(' ')[0]} ${JSON.stringify(value)}: ${typeof verdict === 'string' ? verdict : 'is not valid'}`);
    }
  }
  return { answers, missing, problems };
}

/** The one-shot command that gives these answers, e.g. after an interactive run. */
export function oneShotCommand(generator: string, prompts: readonly Prompt[], answers: Answers): string {
  const parts = prompts.flatMap((p) => {
    const value = answers[p.name];
    if (value === undefined || value === p.default) return [];
    if (p.type === 'confirm') return value === true ? [`--${kebab(p.name)}`] : [];
    if (typeof value !== 'string') return [];
    return [`--${kebab(p.name)}`, /^[\w@/:.-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`];
  });
  return ['npm run generate --', generator, ...parts].join(' ');
}

/** The message when flags are missing and there is no terminal to ask on: which flags, and an example. */
export function missingFlagsMessage(generator: string, prompts: readonly Prompt[], missing: readonly Prompt[]): string {
  const example = Object.fromEntries(prompts.filter((p) => p.default === undefined).map((p) => [p.name, p.example]));
  return `${generator} needs ${missing.map(flagOf).join(' and ')} (no terminal to ask on). For example:\n  ${oneShotCommand(generator, prompts, example)}`;
}
