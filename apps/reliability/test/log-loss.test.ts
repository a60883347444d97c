import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { keepAliveLoad } from './_load.ts';
import { startServer } from './_server.ts';
import { report } from './probe.ts';

/** Answers to wait for before the kill: a count of events, so a busy machine only takes longer. */
const ANSWERS_BEFORE_KILL = 24;
const CONNECTIONS = 8;
const ROWS = 1000;

/** What a hard kill under load cost the prediction log: answered predictions whose line is in no file. */
interface Loss {
  served: number;
  rowsPerSecond: number;
  lost: number;
  /** From the oldest lost prediction's answer to the kill: how much time the loss covers. */
  windowMs: number;
  /** `prediction_log_unwritten_lines` and `prediction_log_lag_seconds` scraped just before the kill. */
  gauges: string;
}

/**
 * The scenario: 1,000-row batch posts at 8 connections, then `kill -9` of the server. Every
 * answered request is looked up in the log by its request id; a row whose line is missing is lost.
 */
async function killUnderLoad(modelDir: string, args: string[]): Promise<Loss> {
  const log = join(await mkdtemp(join(tmpdir(), 'reliability-log-')), 'predictions.jsonl');
  const server = await startServer(['--model', modelDir, '--prediction-log', log, ...args]);
  try {
    const items = [99197, 105574, 1963838];
    const body = JSON.stringify({ rows: Array.from({ length: ROWS }, (_, i) => ({ date: `2017-08-${String(16 + (i % 14)).padStart(2, '0')}`, item_nbr: items[i % 3]! })) });
    let stop!: () => void;
    let loaded!: () => void;
    const enough = new Promise<void>((resolve) => (loaded = resolve));
    const started = performance.now();
    const loading = keepAliveLoad({ base: server.base, path: '/api/v1/forecast/batch', body, connections: CONNECTIONS, stop: new Promise<void>((resolve) => (stop = resolve)), onAnswer: (n) => n >= ANSWERS_BEFORE_KILL && loaded() });
    await enough;
    const gauges = (await (await fetch(`${server.base}/metrics`)).text()).split('\n').filter((l) => /^prediction_log_(unwritten_lines|lag_seconds) /.test(l));
    const killedAt = performance.now();
    server.child.kill('SIGKILL');
    stop();
    const { answers } = await loading;
    await server.exited;
    const perRequest = new Map<string, number>();
    for (const line of (await readFile(log, 'utf8')).split('\n')) {
      const id = /"requestId":"([^"]+)"/.exec(line)?.[1];
      if (id) perRequest.set(id, (perRequest.get(id) ?? 0) + 1);
    }
    const answered = answers.filter((a) => a.status === 200 && a.at <= killedAt);
    let lost = 0;
    let oldest = killedAt;
    for (const a of answered) {
      const missing = ROWS - (perRequest.get(a.requestId) ?? 0);
      if (missing > 0) lost += missing;
      if (missing > 0 && a.at < oldest) oldest = a.at;
    }
    const served = answered.length * ROWS;
    return { served, rowsPerSecond: Math.round(served / ((killedAt - started) / 1000)), lost, windowMs: Math.round(killedAt - oldest), gauges: gauges.join(', ') };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  }
}

describe('kill -9 under batch load: the prediction log loses at most its bound', () => {
  const fixture = inject('fixture');
  const observed = (l: Loss) => `${l.lost} of ${l.served} answered lines lost (${((100 * l.lost) / l.served).toFixed(2)} %), covering the last ${l.windowMs} ms; ${l.rowsPerSecond} rows/s served; before the kill: ${l.gauges}`;

  it('with the defaults (at most 1,000 answered lines unwritten; past that, answers wait)', async (context) => {
    const loss = await killUnderLoad(fixture.model, []);
    expect(loss.lost).toBeLessThanOrEqual(1000);
    report(context, { probe: `kill -9 of the server under 1,000-row batch posts at ${CONNECTIONS} connections (defaults)`, expected: 'at most 1,000 answered predictions missing from the log', observed: observed(loss) });
  });

  it('with --prediction-log-max-unwritten 0 (every answer waits for its own lines)', async (context) => {
    const loss = await killUnderLoad(fixture.model, ['--prediction-log-max-unwritten', '0']);
    expect(loss.lost).toBe(0);
    report(context, { probe: `kill -9 under the same load, --prediction-log-max-unwritten 0`, expected: 'no answered prediction missing from the log', observed: observed(loss) });
  });
});
