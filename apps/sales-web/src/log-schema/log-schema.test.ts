import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PREDICTION_LOG_VERSION } from '@cd4ml/serving';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { startApp, type RunningApp } from '../../test/start-app.ts';
import { PREDICTION_LOG_SCHEMA_FILE, predictionLogJsonSchema } from './log-schema.ts';

const committed = join(import.meta.dirname, '../..', PREDICTION_LOG_SCHEMA_FILE);

/**
 * The sha256 of each released line format's JSON Schema. A format is frozen once released: any
 * change a reader would notice takes a new PREDICTION_LOG_VERSION (docs/observability.md).
 */
const releasedFormats: Record<number, string> = {
  1: '8804c9dfea897f1beceefe41e3c8348b6c4371ed14ad8c9636c23bc559b25818',
};

async function compileCommitted() {
  return new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(JSON.parse(await readFile(committed, 'utf8')) as object);
}

describe('the prediction log line format', () => {
  let app: RunningApp;
  let lines: Record<string, unknown>[];
  beforeAll(async () => {
    app = await startApp(inject('fixture').model);
    await fetch(`${app.base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`);
    await fetch(`${app.base}/api/v1/forecast/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ date: '2017-08-17', item_nbr: 99197, onpromotion: true }, { date: '2017-08-18', item_nbr: 105574 }] }),
    });
    await app.predictionLog.flush();
    lines = (await readFile(app.predictionLogFile, 'utf8')).trimEnd().split('\n').map((l) => z.record(z.string(), z.unknown()).parse(JSON.parse(l)));
  });
  afterAll(() => app.close());

  it('is committed as a JSON Schema that matches the code (regenerate it when the format changes)', async () => {
    const onDisk: unknown = JSON.parse(await readFile(committed, 'utf8'));
    expect(onDisk, `${committed} is out of date: write it again with npx tsx apps/sales-web/src/log-schema/cli.ts`).toEqual(predictionLogJsonSchema());
  });

  it('changes only with a new version: a released format is frozen', () => {
    const hash = createHash('sha256').update(JSON.stringify(predictionLogJsonSchema())).digest('hex');
    expect(
      hash,
      `the prediction log format changed under version ${PREDICTION_LOG_VERSION}: bump PREDICTION_LOG_VERSION (libs/cd4ml/serving/src/prediction-log/prediction-line.ts), record the new format's hash in releasedFormats, regenerate ${PREDICTION_LOG_SCHEMA_FILE}, and note the change in docs/observability.md`,
    ).toBe(releasedFormats[PREDICTION_LOG_VERSION]);
  });

  it('validates every line the real app logged, single and batch, against the committed schema', async () => {
    const validate = await compileCommitted();
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
    expect(lines.map((l) => l['row'])).toEqual([undefined, 0, 1]);
    expect(lines.map((l) => l['modelVersion'])).toEqual([app.model.version, app.model.version, app.model.version]);
  });

  it.each<[string, (good: Record<string, unknown>) => Record<string, unknown>, string]>([
    ['no model version', ({ modelVersion: _, ...rest }) => rest, "must have required property 'modelVersion'"],
    ['a feature too few', (good) => ({ ...good, features: (good['features'] as number[]).slice(1) }), '/features'],
    ['an unknown field', (good) => ({ ...good, extra: 1 }), 'must NOT have additional properties'],
    ['another format version', (good) => ({ ...good, logVersion: 2 }), '/logVersion'],
    ['a negative forecast', (good) => ({ ...good, output: { unit_sales: -1 } }), '/output/unit_sales'],
    ['a date that is no day', (good) => ({ ...good, input: { ...(good['input'] as object), date: '2017-02-30' } }), '/input/date'],
  ])('refuses a line with %s, naming the field', async (_, breakIt, expected) => {
    const validate = await compileCommitted();
    expect(validate(breakIt(lines[0]!))).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain(expected);
  });
});
