import { csvLines, parseCsvLine } from '@cd4ml/data';
import { rawFiles } from '@cd4ml/sales-schema';
import { parseIsoDate } from '@cd4ml/calendar';

/** The row-level checks a census runs over train.csv. */
export const rowChecks = ['schema', 'types', 'ranges', 'nulls', 'keys', 'references'] as const;
export type RowCheck = (typeof rowChecks)[number];

/** A small summary of a train.csv, enough to compare snapshots: committed with the baseline manifest. */
export interface SalesProfile {
  rows: number;
  firstDate: string;
  lastDate: string;
  /** Share of rows per bin of log1p(max(0, unit_sales)); bin edges are 0, 0.5, 1, ... 12, then 12+. */
  unitSalesBins: number[];
  promoRate: number;
  returnRate: number;
  /** Share of rows per item family. */
  familyShare: Record<string, number>;
}

export interface CheckProblems {
  count: number;
  /** The first few, as `line N: what`. */
  examples: string[];
}

export interface Census {
  profile: SalesProfile;
  problems: Record<RowCheck, CheckProblems>;
}

const INT = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BINS = 25;
/** The largest |unit_sales| in the real file is about 89,000; beyond this a value is a data error. */
export const MAX_ABS_UNIT_SALES = 100_000;
const EARLIEST = parseIsoDate('2013-01-01')!;
const MAX_EXAMPLES = 5;

/**
 * One streaming pass over train.csv: counts rule violations per check (with the first examples and
 * their lines) and builds the {@link SalesProfile}. Memory: one bit per id and the keys of one day.
 *
 * @param familyOf item_nbr -> family, from items.csv; also the set of known items
 * @param knownStores store numbers from stores.csv
 * @param latest the latest plausible date (day number), e.g. today
 */
export async function censusTrain(path: string, familyOf: ReadonlyMap<number, string>, knownStores: ReadonlySet<number>, latest: number): Promise<Census> {
  const problems = Object.fromEntries(rowChecks.map((c) => [c, { count: 0, examples: [] as string[] }])) as Census['problems'];
  const flag = (check: RowCheck, line: number, what: string) => {
    const p = problems[check];
    p.count += 1;
    if (p.examples.length < MAX_EXAMPLES) p.examples.push(`line ${line}: ${what}`);
  };
  const bins = new Array<number>(BINS).fill(0);
  const families = new Map<string, number>();
  let rows = 0, promos = 0, promoKnown = 0, returns = 0, first = '', last = '';
  let index: number[] = [];
  let seenIds: Uint8Array = new Uint8Array(1 << 20);
  let dayKeys = new Set<string>();
  let currentDate = '';
  const dayOf = new Map<string, number | undefined>();
  for await (const { line, lineNumber } of csvLines(path)) {
    if (lineNumber === 1) {
      const header = parseCsvLine(line);
      const missing = rawFiles['train.csv'].filter((c) => !header.includes(c));
      if (missing.length > 0) {
        flag('schema', 1, `missing column(s) ${missing.join(', ')}; found ${header.join(',')}`);
        break;
      }
      index = rawFiles['train.csv'].map((c) => header.indexOf(c));
      continue;
    }
    rows += 1;
    const fields = parseCsvLine(line);
    if (fields.length !== index.length) {
      flag('types', lineNumber, `expected ${index.length} fields, got ${fields.length} (truncated line?)`);
      continue;
    }
    const [id = '', date = '', store = '', item = '', sales = '', promo = ''] = index.map((i) => fields[i] ?? '');
    const blank = (['id', 'date', 'store_nbr', 'item_nbr', 'unit_sales'] as const).filter((_, k) => [id, date, store, item, sales][k] === '');
    if (blank.length > 0) {
      flag('nulls', lineNumber, `blank ${blank.join(', ')}`);
      continue;
    }
    let day = dayOf.get(date);
    if (day === undefined && !dayOf.has(date)) dayOf.set(date, (day = parseIsoDate(date)));
    const bad = !INT.test(id) ? `id ${JSON.stringify(id)} is not an integer`
      : day === undefined ? `date ${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD)`
      : !INT.test(store) ? `store_nbr ${JSON.stringify(store)} is not an integer`
      : !INT.test(item) ? `item_nbr ${JSON.stringify(item)} is not an integer`
      : !NUMBER.test(sales) ? `unit_sales ${JSON.stringify(sales)} is not a number`
      : promo !== '' && promo !== 'True' && promo !== 'False' ? `onpromotion ${JSON.stringify(promo)} is not True, False or blank`
      : undefined;
    if (bad !== undefined || day === undefined) {
      flag('types', lineNumber, bad ?? 'bad date');
      continue;
    }
    const units = Number(sales);
    if (Math.abs(units) > MAX_ABS_UNIT_SALES) flag('ranges', lineNumber, `unit_sales ${sales} is beyond ±${MAX_ABS_UNIT_SALES}`);
    if (day < EARLIEST || day > latest) flag('ranges', lineNumber, `date ${date} is outside 2013-01-01..the latest plausible date`);
    const n = Number(id);
    if (n >= 0 && n < 2 ** 31) {
      if ((n >>> 3) >= seenIds.length) seenIds = grow(seenIds, (n >>> 3) + 1);
      if (seenIds[n >>> 3]! & (1 << (n & 7))) flag('keys', lineNumber, `duplicate id ${id}`);
      seenIds[n >>> 3]! |= 1 << (n & 7);
    }
    if (date !== currentDate) {
      currentDate = date;
      dayKeys = new Set();
    }
    const key = `${store}|${item}`;
    if (dayKeys.has(key)) flag('keys', lineNumber, `duplicate (date, store_nbr, item_nbr) ${date}, ${store}, ${item}`);
    dayKeys.add(key);
    const family = familyOf.get(Number(item));
    if (family === undefined) flag('references', lineNumber, `item_nbr ${item} is not in items.csv`);
    if (!knownStores.has(Number(store))) flag('references', lineNumber, `store_nbr ${store} is not in stores.csv`);
    families.set(family ?? '(unknown)', (families.get(family ?? '(unknown)') ?? 0) + 1);
    bins[Math.min(BINS - 1, Math.floor(Math.log1p(Math.max(0, units)) * 2))]! += 1;
    if (units < 0) returns += 1;
    if (promo !== '') {
      promoKnown += 1;
      if (promo === 'True') promos += 1;
    }
    if (first === '' || date < first) first = date;
    if (date > last) last = date;
  }
  const share = (k: number) => (rows === 0 ? 0 : round(k / rows));
  return {
    problems,
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

function grow(old: Uint8Array, min: number): Uint8Array {
  const next = new Uint8Array(Math.max(old.length * 2, min));
  next.set(old);
  return next;
}
