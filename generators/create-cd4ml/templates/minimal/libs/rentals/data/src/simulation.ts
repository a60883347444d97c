import { join } from 'node:path';
import { dayNumber } from '@cd4ml/calendar';
import { defineSimulation, type SimulationContext } from '@cd4ml/operations';
import { RAW_FILE } from './generate/generate-rentals.ts';
import { readRentalTable } from './read-rental-table.ts';
import type { RentalRow } from './rental-table.ts';

/** The world's history: a year and a half of rentals, up to a summer's day; production starts the day after. */
const HISTORY_START = '2023-01-01';
const HISTORY_END = '2024-06-16';
/**
 * Above this, riders stay home in a heat wave. The history's summer days peak about here (a mean of
 * 21 °C, σ 3), so a heat wave 12 °C hotter is a range of temperatures the history hardly had.
 */
const TOO_HOT = 26;

const daysFromStart = (until: string) => dayNumber(until) - dayNumber(HISTORY_START) + 1;
const generateArgs = (ctx: SimulationContext, until: string) => ['--seed', String(ctx.seed), '--start', HISTORY_START, '--days', String(daysFromStart(until))];

/**
 * The rentals domain's simulation (apps/rentals-web/cd4ml.json: `simulate.module`): the city's
 * stations replayed day by day against rentals-web with a heat wave (the default) or a competitor
 * taking riders away. The platform runs the replay, the monitor, the feedback and the releases;
 * this says what the world is, what changes, and how the rentals stages retrain.
 */
export const simulation = defineSimulation<RentalRow>({
  historyStart: HISTORY_START,
  historyEnd: HISTORY_END,
  changes: {
    'heat-wave': {
      description: `every day --factor °C hotter; above ${TOO_HOT} °C riders stay home (14% fewer a degree), a heat the history hardly had`,
      factor: 12,
      apply: (rows, factor) =>
        rows.map((r) => {
          const temperature = Math.round((r.temperature + factor) * 10) / 10;
          return { ...r, temperature, rentals: Math.round(r.rentals * Math.exp(0.045 * factor - 0.15 * Math.max(0, temperature - TOO_HOT))) };
        }),
    },
    competitor: {
      description: 'a scooter service opens: rentals fall to --factor of what they were, whatever the weather',
      factor: 0.6,
      apply: (rows, factor) => rows.map((r) => ({ ...r, rentals: Math.round(r.rentals * factor) })),
    },
  },
  defaultChange: 'heat-wave',
  // A growing window: every model learns from the whole history, so it knows last summer (the
  // season is in the features). A heat wave is a range of temperatures the history hardly had, so
  // the days fed back teach it without the old days contradicting them.
  defaults: { weeks: 10, changeDay: 14, trainingDays: 0, validationDays: 14 },
  world: async (ctx) => {
    const dir = join(ctx.dir, 'world');
    await ctx.runStage('rentals-data:generate', [...generateArgs(ctx, ctx.lastDay), '--out', dir]);
    const days = new Map<string, RentalRow[]>();
    for (const r of await readRentalTable(join(dir, RAW_FILE))) if (r.date > HISTORY_END) days.set(r.date, [...(days.get(r.date) ?? []), r]);
    return days;
  },
  retrain: (ctx) => [
    ['rentals-data:generate', generateArgs(ctx, HISTORY_END)],
    ['rentals-data:validate', ['--from', ctx.from, '--to', ctx.until, '--valid-days', String(ctx.validationDays)]],
    ['rentals-model:train', []],
    ['rentals-model:gate', []],
  ],
  request: (r) => ({ date: r.date, station: r.station, temperature: r.temperature, precipitation: r.precipitation }),
  actual: (r) => ({ date: r.date, station: r.station, rentals: r.rentals }),
});

