import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { source } from './workspace-copy.ts';

// The layer rules of the root eslint.config.js (every project's lint target runs it), shown on
// real files of this workspace with one deliberate line added: lintText lints the text as if it
// were the file, so nothing is written. Type-aware rules need files their tsconfig includes.
const eslint = new ESLint({ cwd: source, overrideConfigFile: join(source, 'eslint.config.js') });

async function lint(file: string, extra = ''): Promise<ESLint.LintResult['messages']> {
  const text = `${await readFile(join(source, file), 'utf8')}${extra}\n`;
  const [result] = await eslint.lintText(text, { filePath: join(source, file) });
  return result!.messages;
}

describe('the layer rules of eslint.config.js', { timeout: 60_000 }, () => {
  it.each([
    ['a deep import into another package', 'apps/workshop/src/guide.ts', "export { readParams } from '@cd4ml/sales-model/src/params.ts';", 'no-restricted-imports', /Deep import into another package/],
    ["a deep import into another package's tests", 'apps/workshop/src/guide.ts', "export { buildFixtureModel } from '@cd4ml/sales-web/test/build-fixture-model.ts';", 'no-restricted-imports', /Deep import into another package/],
    ['a relative import into another package', 'apps/workshop/src/guide.ts', "export { readParams } from '../../../libs/sales/model/src/params.ts';", 'import-x/no-relative-packages', /Relative import from another package/],
    ['an import cycle (baselines -> train -> baselines)', 'libs/sales/model/src/baselines/baselines.ts', "export { trainSalesModel } from '../train/train-sales-model.ts';", 'import-x/no-cycle', /Dependency cycle/],
    ['the platform importing the domain', 'libs/cd4ml/report/src/index.ts', "export { salesMonitorDomain } from '@cd4ml/sales-model';", 'import-x/no-restricted-paths', /The platform \(libs\/cd4ml\) must not import a domain lib/],
  ])('fails on %s, with the rule and its message', async (_, file, line, rule, message) => {
    const messages = await lint(file, line);
    expect(messages.filter((m) => m.ruleId === rule).map((m) => m.message)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['the files above as committed', 'apps/workshop/src/guide.ts', ''],
    ['(the model lib)', 'libs/sales/model/src/baselines/baselines.ts', ''],
    ['(the platform lib)', 'libs/cd4ml/report/src/index.ts', ''],
    ["an import through the package's exports", 'apps/workshop/src/guide.ts', "export { readParams } from '@cd4ml/sales-model';"],
  ])('passes %s', async (_, file, line) => {
    expect(await lint(file, line)).toEqual([]);
  });
});
