import { describe, expect, it } from 'vitest';
import { answersFromFlags, flagOf, missingFlagsMessage, oneShotCommand, readPrompts, type Prompt } from './flags.ts';

const prompts: Prompt[] = readPrompts('toy', [
  { type: 'input', name: 'project', message: 'project', example: 'weather-data', validate: (v: unknown) => v === 'weather-data' || `no project named "${String(v)}"` },
  { type: 'input', name: 'stage', message: 'stage', example: 'enrich', validate: (v: unknown, a: { project?: unknown }) => (a.project === 'weather-data' && v !== 'generate') || `${String(a.project)} has a stage "${String(v)}"` },
  { type: 'input', name: 'reads', message: 'reads', example: 'weather-data:generate', default: '' },
  { type: 'input', name: 'modelDir', message: 'a camelCase question', example: 'x', default: 'dist' },
  { type: 'confirm', name: 'pipeline', message: 'pipeline?', example: 'true', default: false },
]);

describe('answers from flags', () => {
  it.each([
    [{ project: 'weather-data', stage: 'enrich' }, { answers: { project: 'weather-data', stage: 'enrich', reads: '', modelDir: 'dist', pipeline: false }, missing: [], problems: [] }],
    [{ project: ' weather-data ', stage: 'enrich', pipeline: true, modelDir: 'out' }, { answers: { project: 'weather-data', stage: 'enrich', reads: '', modelDir: 'out', pipeline: true }, missing: [], problems: [] }],
    [{ stage: 'enrich' }, { missing: ['project'], problems: [] }],
    [{}, { missing: ['project', 'stage'], problems: [] }],
    [{ project: 'weather', stage: 'generate' }, { missing: [], problems: ['--project "weather": no project named "weather"', '--stage "generate": weather has a stage "generate"'] }],
  ])('%j', async (flags, expected) => {
    const result = await answersFromFlags(prompts, flags);
    expect({ ...result, missing: result.missing.map((p) => p.name) }).toMatchObject(expected);
  });

  it('names the flags in kebab case, with a value or as a switch', () => {
    expect(prompts.map(flagOf)).toEqual(['--project <project>', '--stage <stage>', '--reads <reads>', '--model-dir <model-dir>', '--pipeline']);
  });

  it('lists the missing flags with a command that would do', () => {
    expect(missingFlagsMessage('stage', prompts, prompts.slice(0, 2))).toBe(
      'stage needs --project <project> and --stage <stage> (no terminal to ask on). For example:\n  npm run generate -- stage --project weather-data --stage enrich',
    );
  });

  it('writes the one-shot command of an interactive run, quoting what a shell would split', () => {
    expect(oneShotCommand('stage', prompts, { project: 'weather-data', stage: 'enrich', reads: "the day's weather", modelDir: 'dist', pipeline: true })).toBe(
      "npm run generate -- stage --project weather-data --stage enrich --reads 'the day'\\''s weather' --pipeline",
    );
  });

  it('refuses prompts it cannot turn into flags', () => {
    expect(() => readPrompts('odd', [{ type: 'list', name: 'x', message: 'x', example: 'x' }])).toThrow(/generator odd: its prompts cannot be given as flags/);
  });
});
