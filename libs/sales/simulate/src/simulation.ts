import { join } from 'node:path';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { readYamlFile, writeJsonAtomic } from '@cd4ml/fs';
import { defineSimulation, type SimulationContext } from '@cd4ml/operations';
import { z } from 'zod';
import { changed, readWorld, type WorldRow } from './world.ts';

/** The synthetic history ends here, as the Kaggle data does; production starts the day after. */
const HISTORY_END = '2017-08-15';
const HISTORY_START = '2017-03-01';
const PARAMS = 'libs/sales/model/params.yaml';

const addDays = (date: string, days: number) => isoDate(dayNumber(date) + days);
/** The world's generate arguments: one seeded store of `items` items from HISTORY_START to `end`. */
const worldArgs = (ctx: SimulationContext, end: string) => ['--seed', String(ctx.seed), '--items', String(ctx.options['items']), '--start', HISTORY_START, '--end', end];
const paramsSchema = z.looseObject({ model: z.looseObject({ gbt: z.looseObject({ earlyStoppingDays: z.number() }) }) });

/**
 * The sales domain's simulation (apps/sales-web/cd4ml.json: `simulate.module`): a grocery store's
 * days replayed against sales-web, with a promotion regime or a demand change. The platform runs
 * the replay; this says what the world is, what changes, and how the sales stages retrain on a
 * sliding window. The sales features are per-item statistics of the training window, not lags,
 * so a model trained on months before a change keeps forecasting the old level: every model learns
 * from the last `--training-days` only.
 */
export const simulation = defineSimulation<WorldRow>({
  historyEnd: HISTORY_END,
  changes: {
    promotion: { description: 'half the items on promotion, selling --factor times as much while on it', factor: 2.5, apply: (rows, factor, random) => changed(rows, 'promotion', factor, random) },
    demand: { description: 'every sale times --factor', factor: 2, apply: (rows, factor, random) => changed(rows, 'demand', factor, random) },
  },
  defaultChange: 'promotion',
  options: {
    items: { description: 'items of the one store', default: 100, min: 10, max: 1000 },
    'early-stopping-days': { description: 'days at the end of the training window that early stopping watches', default: 7, min: 1 },
  },
  // The committed params with the simulation's early-stopping window (a short training window leaves
  // nothing to fit behind 28 days). JSON is YAML, so the train stage reads it as it reads the file.
  prepare: async (ctx) => {
    const days = ctx.options['early-stopping-days']!;
    const params = await readYamlFile(PARAMS, paramsSchema, { what: 'params file' });
    const file = join(ctx.dir, 'params.yaml');
    await writeJsonAtomic(file, { ...params, model: { ...params.model, gbt: { ...params.model.gbt, earlyStoppingDays: days } } });
    return { [PARAMS]: file };
  },
  world: async (ctx) => {
    const dir = join(ctx.dir, 'world');
    await ctx.runStage('sales-data:generate', [...worldArgs(ctx, ctx.lastDay), '--out', dir]);
    return readWorld(join(dir, 'train.csv'), addDays(HISTORY_END, 1));
  },
  retrain: (ctx) => [
    ['sales-data:generate', worldArgs(ctx, HISTORY_END)],
    ['sales-data:ingest', ['--validation-days', String(ctx.validationDays), '--from', ctx.from, '--to', ctx.until]],
    ['sales-model:train', []],
    ['sales-model:gate', []],
  ],
  request: (r) => ({ date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr, onpromotion: r.onpromotion }),
  actual: (r) => ({ date: r.date, item_nbr: r.item_nbr, store_nbr: r.store_nbr, unit_sales: r.unit_sales }),
});
