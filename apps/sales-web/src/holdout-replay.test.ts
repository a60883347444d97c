import { afterAll, describe, expect, inject, it } from 'vitest';
import { alterFirstItemMean, copyArtifact } from '../test/artifact-copy.ts';
import { ForecastModel } from './forecast-model.ts';

/** The holdout replay at load: checksums prove the files are the ones listed, the replay that they still compute what was trained. */
describe('ForecastModel.load replays the holdout', () => {
  const fixture = inject('fixture');
  const models: ForecastModel[] = [];
  afterAll(() => Promise.all(models.map((m) => m.close())));

  it('loads the trained model: every holdout row predicts what training recorded', async () => {
    const model = await ForecastModel.load(fixture.model);
    models.push(model);
    expect(model.replayed).toMatchObject({ rows: expect.any(Number) });
    expect(model.replayed.rows).toBeGreaterThanOrEqual(40); // one row of every item at least
    expect(model.replayed.maxAbsDiff).toBeLessThan(1e-6);
  });

  it("refuses a model whose model.json statistics were altered and its manifest rewritten to match, naming the files", async () => {
    const altered = await copyArtifact(fixture.model, alterFirstItemMean);
    await expect(ForecastModel.load(altered)).rejects.toMatchObject({
      code: 'MODEL_CORRUPT',
      message: expect.stringMatching(/holdout\.json: replayed through .*model\.onnx with the features of .*model\.json, \d+ of \d+ rows predict other values than training recorded/),
    });
  });
});
