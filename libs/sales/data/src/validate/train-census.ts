import { csvLines } from '@cd4ml/data';
import { z } from 'zod';
import { DataValidationError } from '../data-validation-error.ts';
import { rowChecks, TrainRowChecker, type RowCheck } from '../train-rows/train-row-checker.ts';

/** A small summary of a train.csv, enough to compare snapshots: committed with the baseline manifest. */
export const salesProfileSchema = z.object({
  rows: z.number().int().nonnegative(),
  firstDate: z.union([z.iso.date(), z.literal('')]),
  lastDate: z.union([z.iso.date(), z.literal('')]),
  /** Share of rows per bin of log1p(max(0, unit_sales)); bin edges are 0, 0.5, 1, ... 12, then 12+. */
  unitSalesBins: z.array(z.number().min(0).max(1)),
  promoRate: z.number().min(0).max(1),
  returnRate: z.number().min(0).max(1),
  /** Share of rows per item family. */
  familyShare: z.record(z.string(), z.number().min(0).max(1)),
});
export type SalesProfile = z.infer<typeof salesProfileSchema>;

export interface CheckProblems {
  count: number;
  /** The first few, as `line N: what`. */
  examples: string[];
}

export interface Census {
  profile: SalesProfile;
  problems: Record<RowCheck, CheckProblems>;
  /** Rows that break at least one rule: the rows ingest quarantines. */
  failingRows: number;
  /** Physical data lines; `profile.rows` counts each row of a line holding glued rows. */
  lines: number;
  /** Times a date's rows started again after other dates (see `TrainRowChecker.reopenedDates`). */
  reopenedDates: number;
}

const BINS = 25;
const MAX_EXAMPLES = 5;

/**
 * One streaming pass over train.csv through the {@link TrainRowChecker} rules, the same ones ingest
 * quarantines by: counts the problems per check (with the first examples and their lines) and builds
 * the {@link SalesProfile} from the rows whose values parse.
 *
 * @param familyOf item_nbr -> family, from items.csv; also the set of known items
 * @param knownStores store numbers from stores.csv
 * @param latestDay the latest plausible date (day number), see `latestPlausibleDay`
 */
export async function censusTrain(path: string, familyOf: ReadonlyMap<number, string>, knownStores: ReadonlySet<number>, latestDay: number): Promise<Census> {
  const problems = Object.fromEntries(rowChecks.map((c) => [c, { count: 0, examples: [] as string[] }])) as Census['problems'];
  const flag = (check: RowCheck, line: number, what: string) => {
    const p = problems[check];
    p.count += 1;
    if (p.examples.length < MAX_EXAMPLES) p.examples.push(`line ${line}: ${what}`);
  };
  const checker = new TrainRowChecker({ items: new Set(familyOf.keys()), stores: knownStores, latestDay });
  const bins = new Array<number>(BINS).fill(0);
  const families = new Map<string, number>();
  let rows = 0, lines = 0, failingRows = 0, parsed = 0, promos = 0, promoKnown = 0, returns = 0, first = '', last = '';
  for await (const { line, lineNumber } of csvLines(path)) {
    if (lineNumber === 1) {
      try {
        checker.header(line);
      } catch (error) {
        // validate's schema check reports the header; without the columns no row can be read.
        if (error instanceof DataValidationError) break;
        throw error;
      }
      continue;
    }
    lines += 1;
    const ok = checker.check(line, lineNumber);
    rows += checker.rowsInLine;
    if (!ok) failingRows += checker.rowsInLine;
    for (const p of checker.problems) flag(p.check, lineNumber, p.reason);
    if (!checker.parsed) continue;
    const { date, item, units, promo } = checker.values;
    parsed += 1;
    const family = familyOf.get(item) ?? '(unknown)';
    families.set(family, (families.get(family) ?? 0) + 1);
    bins[Math.min(BINS - 1, Math.floor(Math.log1p(Math.max(0, units)) * 2))]! += 1;
    if (units < 0) returns += 1;
    if (promo !== '') {
      promoKnown += 1;
      if (promo === 'True') promos += 1;
    }
    if (first === '' || date < first) first = date;
    if (date > last) last = date;
  }
  const share = (k: number) => (parsed === 0 ? 0 : round(k / parsed));
  return {
    problems,
    failingRows,
    lines,
    reopenedDates: checker.reopenedDates,
    profile: {
      rows,
      firstDate: first,
      lastDate: last,
      unitSalesBins: bins.map(share),
      promoRate: promoKnown === 0 ? 0 : round(promos / promoKnown),
      returnRate: share(returns),
      familyShare: Object.fromEntries([...families].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, k]) => [f, share(k)])),
    },
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
