import { readJsonFile } from '@cd4ml/fs';
import { assertPactTelemetryOff, PROVIDER_NAME } from '@cd4ml/sales-client/pact';
import express from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../start-app.ts';
import { consumers, pactFiles, verifyPacts } from './verify-pacts.ts';

const pactSchema = z.object({ consumer: z.object({ name: z.string() }), provider: z.object({ name: z.string() }), interactions: z.array(z.unknown()) });

/** A candidate build with a breaking change: `unit_sales` renamed in every JSON response. */
function renameUnitSales(app: express.Express): express.Express {
  const outer = express();
  outer.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(JSON.parse(JSON.stringify(body).replaceAll('"unit_sales":', '"predicted_units":')));
    next();
  });
  outer.use(app);
  return outer;
}

/**
 * Provider verification: the real app with a real model verifies every consumer's pact. The
 * pipeline runs this as `nx contract sales-web`, after the consumers' tests have written their pacts.
 */
describe('sales-web honours every consumer pact', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  let broken: RunningApp;

  beforeAll(async () => {
    assertPactTelemetryOff();
    [app, broken] = await Promise.all([startApp(fixture.model), startApp(fixture.model, {}, renameUnitSales)]);
  });
  afterAll(() => Promise.all([app.close(), broken.close()]));

  it('has a pact from each consumer, naming it and this provider, with interactions', async () => {
    const pacts = await Promise.all(pactFiles().map((file) => readJsonFile(file, pactSchema, { what: 'pact' })));
    expect(pacts.map((p) => [p.consumer.name, p.provider.name])).toEqual(consumers.map((c) => [c.name, PROVIDER_NAME]));
    for (const pact of pacts) expect(pact.interactions.length).toBeGreaterThan(0);
  });

  it('verifies every interaction of every pact against the real app', async () => {
    // Rejects, naming each failed interaction, when one does not verify.
    await verifyPacts(app.base, app.model);
  });

  it('fails verification when a candidate renames unit_sales in its responses', async () => {
    // The same app and model, but the response field renamed: what a careless refactor would ship.
    const response = z.object({ forecast: z.record(z.string(), z.unknown()) }).parse(await (await fetch(`${broken.base}/api/v1/forecast?date=2017-08-16&item_nbr=99197`)).json());
    expect(response.forecast).toHaveProperty('predicted_units');
    const failure = await verifyPacts(broken.base, broken.model).then(() => 'verification passed', (error: unknown) => String(error));
    // Both consumers read unit_sales: the web UI's forecast and the CLI's batch interactions must fail.
    expect(failure).toMatch(/sales-web-ui and sales-web Given an item exists - a forecast request for a known item/);
    expect(failure).toMatch(/replenishment-cli and sales-web Given an item exists - a batch forecast over a two-day lead time/);
    expect(failure).toMatch(/missing the following keys: unit_sales/);
  });
});
