/** The guide's file, at the workspace root. */
export const GUIDE_FILE = 'WORKSHOP.md';

/** The scenarios of the workshop, in the guide's order. */
export const SCENARIOS = [1, 2, 3, 4, 5, 6] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One fenced `bash` block of the guide, with the marks that follow it. */
export interface GuideStep {
  scenario: Scenario;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  script: string;
  /** `<!-- expect: regex -->`: the block's output (stdout and stderr) must match each. */
  expect: RegExp[];
  /** `<!-- exit: n -->`: the exit code the block must end with. @default 0 */
  exit: number;
  /** `<!-- background: url -->`: the block serves until the scenario ends; it is ready once the URL answers 200. */
  background?: string;
}

const MARK = /^<!--\s*(expect|exit|background):\s*(.*?)\s*-->$/;

/**
 * Reads the guide's executable steps: every fenced `bash` block under a `## Scenario N` heading,
 * with the marks right after it. Blocks elsewhere (the facilitator's section) are not run.
 * @example guideSteps(readFileSync('WORKSHOP.md', 'utf8')).filter((s) => s.scenario === 1)
 */
export function guideSteps(markdown: string): GuideStep[] {
  const lines = markdown.split('\n');
  const steps: GuideStep[] = [];
  let scenario: Scenario | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^## (Scenario (\d)|.*)/.exec(line);
    if (heading) scenario = SCENARIOS.find((s) => String(s) === heading[2]);
    if (line.trim() !== '```bash' || !scenario) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i]!.trim() !== '```') body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${GUIDE_FILE}:${start + 1}: a bash block is never closed`);
    const step: GuideStep = { scenario, line: start + 1, script: body.join('\n'), expect: [], exit: 0 };
    while (i + 1 < lines.length && MARK.test(lines[i + 1]!.trim())) {
      const [, kind, value] = MARK.exec(lines[++i]!.trim())!;
      if (kind === 'expect') step.expect.push(new RegExp(value!, 'm'));
      else if (kind === 'exit') step.exit = Number(value);
      else step.background = value;
    }
    steps.push(step);
  }
  return steps;
}
