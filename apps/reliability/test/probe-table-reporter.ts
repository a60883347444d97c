import type { Reporter, TestModule } from 'vitest/node';
import type { ProbeRow } from './probe.ts';

/**
 * Prints the reliability table after the run: one row per probe (see `report`), with the test's
 * verdict, as Markdown, so it can be pasted into docs/reliability.md as it is.
 */
export default class ProbeTableReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: (ProbeRow & { verdict: string })[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const row = test.meta().probe;
        if (row) rows.push({ ...row, verdict: test.result().state === 'passed' ? 'ok' : 'FAILED' });
      }
    }
    if (rows.length === 0) return;
    const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
    const lines = ['', '## Reliability probes', '', '| probe | expected | observed | verdict |', '|---|---|---|---|', ...rows.map((r) => `| ${cell(r.probe)} | ${cell(r.expected)} | ${cell(r.observed)} | ${r.verdict} |`), ''];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
