import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_MANIFEST, CARD_FILE, GATES_FILE, HOLDOUT_FILE, MODEL_FILE } from '@cd4ml/model-artifact';
import { ENSEMBLE_FILE, RECENT_ACTUALS_FILE } from '@cd4ml/sales-model';
import { ForecastModel } from '@cd4ml/sales-web/forecast-model';
import { readiness } from '@cd4ml/serving';
import { describe, expect, inject, it } from 'vitest';
import { report } from './probe.ts';

/**
 * One flipped bit in each file of the served artifact (the gate stage's output), manifest
 * included: the app must refuse the model at load, naming the file, and so never be ready.
 */
describe('a flipped byte in every artifact file', async () => {
  const fixture = inject('fixture');
  const files = (await readdir(fixture.model)).sort();

  it('covers every file that train and gate write into the served artifact', () => {
    expect(files).toEqual(expect.arrayContaining([ARTIFACT_MANIFEST, CARD_FILE, ENSEMBLE_FILE, GATES_FILE, HOLDOUT_FILE, MODEL_FILE, RECENT_ACTUALS_FILE, 'model-card.html']));
  });

  it.for(files)('%s', async (file, context) => {
    const dir = join(await mkdtemp(join(tmpdir(), 'reliability-flip-')), 'model');
    await cp(fixture.model, dir, { recursive: true });
    const bytes = await readFile(join(dir, file));
    const at = bytes.length >> 1;
    bytes[at] = bytes[at]! ^ 0x01;
    await writeFile(join(dir, file), bytes);
    const error = await ForecastModel.load(dir).then(
      async (model) => {
        await model.close();
        return undefined;
      },
      (e: unknown) => e as Error & { code: string },
    );
    expect(error?.message).toContain(join(dir, file));
    const ready = readiness({ notReadyReason: error!.message });
    expect(ready.ready).toBe(false);
    report(context, {
      probe: `one bit flipped in the middle of ${file} (byte ${at} of ${bytes.length})`,
      expected: 'the app refuses the model at load, naming the file: /ready 503 with that reason',
      observed: `${error!.code}: ${error!.message.replaceAll(dir, '<model>').split('. ')[0]!}`,
    });
  });
});
