import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATES_FILE, type GateReport } from '@cd4ml/model-artifact';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type AppState } from '../src/app.ts';
import { ForecastModel } from '../src/forecast-model.ts';
import { copyArtifact } from './artifact-copy.ts';

const fixture = inject('fixture');
const readySchema = z.union([z.object({ status: z.literal('ready'), modelVersion: z.string() }), z.object({ status: z.literal('not ready'), reason: z.string() })]);

async function ready(state: AppState): Promise<{ status: number; body: z.infer<typeof readySchema> }> {
  const server: Server = createApp(state).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ready`);
    return { status: response.status, body: readySchema.parse(await response.json()) };
  } finally {
    server.close();
  }
}

/** `/ready` of the real app on real artifacts (the rule itself is @cd4ml/serving's): 200 only for a loaded model whose own gates.json says it passed; otherwise 503 and why. */
describe('readiness', () => {
  const models: ForecastModel[] = [];
  let gated: ForecastModel;
  let report: GateReport;
  const load = async (dir: string) => {
    const model = await ForecastModel.load(dir);
    models.push(model);
    return model;
  };
  const withGates = (edit: (r: GateReport) => GateReport | undefined) =>
    copyArtifact(fixture.model, (files) => {
      const next = edit(report);
      if (next) files.set(GATES_FILE, JSON.stringify(next));
      else files.delete(GATES_FILE);
    });

  beforeAll(async () => {
    gated = await load(fixture.model);
    report = gated.gates!;
  });
  afterAll(() => Promise.all(models.map((m) => m.close())));

  it("is ready with the gate stage's output: gates.json passed, for this model.onnx", async () => {
    expect(report).toMatchObject({ passed: true, modelSha256: gated.card.onnx.sha256 });
    expect(await ready({ model: gated })).toEqual({ status: 200, body: { status: 'ready', modelVersion: gated.version } });
  });

  it.each([
    ['no model could be loaded', (): Promise<AppState> => Promise.resolve({ notReadyReason: 'no model in /x (no manifest.json)' }), /^no model in \/x/],
    ["the train stage's output, never gated", async () => ({ model: await load(fixture.trained) }), /has no gates\.json: serve the gate stage's output/],
    ['a model without gates.json', async () => ({ model: await load(await withGates(() => undefined)) }), /has no gates\.json/],
    [
      'a gate report that failed',
      async () => ({ model: await load(await withGates((r) => ({ ...r, passed: false, results: r.results.map((g) => (g.gate === 'slice-error' ? { ...g, passed: false } : g)) }))) }),
      /gates\.json says model \w+ failed its gates \(slice-error\)/,
    ],
    [
      "another model's gate report",
      async () => ({ model: await load(await withGates((r) => ({ ...r, modelSha256: 'f'.repeat(64) }))) }),
      /gates\.json is for model\.onnx sha256 ffffffffffff, but the loaded model\.onnx is [0-9a-f]{12}: the gate report belongs to another model/,
    ],
  ])('is not ready (503 with the reason) for %s', async (_, state, reason) => {
    const { status, body } = await ready(await state());
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'not ready', reason: expect.stringMatching(reason) });
  });
});
