import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema, parseCsvLine, readManifest, verifyManifest, type Manifest } from '@cd4ml/data';
import { FileError, readJsonFile } from '@cd4ml/fs';
import { rawFileNames, rawFiles } from '@cd4ml/sales-schema';
import { type z } from 'zod';
import { parseHolidays, parseItems, parseStores } from '../ingest/parse-reference.ts';
import { rawFileError, readRawTable } from '../ingest/read-raw.ts';
import { latestPlausibleDay } from '../train-rows/plausible-range.ts';
import { rowChecks } from '../train-rows/train-row-checker.ts';
import { checkDistribution, checkFreshness, checkVolume, defaultBaselineRules, type BaselineRules, type Verdict } from './compare-baseline.ts';
import { checkContract } from './contract-check.ts';
import { censusTrain, salesProfileSchema, type SalesProfile } from './train-census.ts';

/** Every check the validate stage runs, in report order. */
export const validationChecks = ['integrity', ...rowChecks, 'freshness', 'volume', 'distribution', 'contract'] as const;
export type ValidationCheck = (typeof validationChecks)[number];

export interface CheckResult {
  check: ValidationCheck;
  status: 'pass' | 'fail' | 'skip';
  summary: string;
  details: string[];
}

export interface ValidationResult {
  stage: 'validate';
  ok: boolean;
  rawDataVersion: string | null;
  baselineDataVersion: string | null;
  checks: CheckResult[];
  profile: SalesProfile;
  baselineProfile: SalesProfile | null;
}

export interface ValidateOptions {
  /** The previous snapshot's manifest with its `profile` (e.g. data/snapshots/default.manifest.json). */
  baseline?: string;
  /** Processed folder to check against the sales table contract. */
  processedDir?: string;
  /** "Today" for the freshness check (YYYY-MM-DD); without it only "not older than the baseline" is checked. */
  asOf?: string;
  rules?: Partial<BaselineRules>;
}

/**
 * Data tests on an actual raw snapshot: integrity against its manifest, schema, types, ranges,
 * nulls, key uniqueness, referential integrity, and, against the previous snapshot's profile,
 * freshness, volume and distribution shift; plus the processed tables against the contract.
 * Never throws on bad data: every problem becomes a failed check with its file, line and rule.
 */
export async function validateSnapshot(rawDir: string, o: ValidateOptions = {}): Promise<ValidationResult> {
  const rules = { ...defaultBaselineRules, ...o.rules };
  const results = new Map<ValidationCheck, Verdict & { skipped?: boolean }>();
  const add = (check: ValidationCheck, details: string[], summary: string) => {
    const prev = results.get(check);
    results.set(check, { ok: (prev?.ok ?? true) && details.length === 0, summary: prev ? `${prev.summary}; ${summary}` : summary, details: [...(prev?.details ?? []), ...details] });
  };

  let manifest: Manifest | undefined;
  try {
    manifest = await readManifest(join(rawDir, 'manifest.json'));
    await verifyManifest(rawDir, manifest);
    add('integrity', [], `${Object.keys(manifest.files).length} files match manifest ${manifest.dataVersion.slice(0, 12)}`);
  } catch (error) {
    add('integrity', [(error as Error).message], 'files do not match their manifest');
  }

  const unreadable = new Set<string>();
  for (const file of rawFileNames) {
    const header = await readHeader(rawDir, file);
    if (header instanceof Error) {
      unreadable.add(file);
      add('schema', [header.message], `${file} ${header instanceof FileError ? 'unreadable' : 'missing'}`);
    } else {
      const missing = rawFiles[file].filter((c) => !header.includes(c));
      add('schema', missing.length ? [`${file}: missing column(s) ${missing.join(', ')}; expected ${rawFiles[file].join(',')}, found ${header.join(',')}`] : [], `${file} header`);
    }
  }

  const familyOf = new Map<number, string>();
  const storeNbrs = new Set<number>();
  const reference = async (file: 'items.csv' | 'stores.csv' | 'holidays_events.csv', use: (t: Awaited<ReturnType<typeof readRawTable>>) => void) => {
    if (unreadable.has(file)) return;
    try {
      use(await readRawTable(rawDir, file));
      add('types', [], `${file} parsed`);
    } catch (error) {
      const message = (error as Error).message;
      add(/duplicate/.test(message) ? 'keys' : 'types', [message], `${file} invalid`);
    }
  };
  await reference('items.csv', (t) => parseItems(t).forEach((i) => familyOf.set(i.item_nbr, i.family)));
  await reference('stores.csv', (t) => parseStores(t).forEach((s) => storeNbrs.add(s.store_nbr)));
  await reference('holidays_events.csv', (t) => void parseHolidays(t));

  const census = unreadable.has('train.csv') ? undefined : await censusTrain(join(rawDir, 'train.csv'), familyOf, storeNbrs, latestPlausibleDay(o.asOf));
  for (const check of rowChecks) {
    const p = census?.problems[check];
    if (!p) continue;
    const unordered = check === 'keys' && census.reopenedDates > 0 ? ' (train.csv is not grouped by date: (date, store, item) keys compared within each run of a date only)' : '';
    add(check, p.count ? [`train.csv: ${p.count.toLocaleString('en')} problem(s), e.g.`, ...p.examples.map((e) => `  ${e}`)] : [], `train.csv ${p.count} problem(s)${unordered}`);
  }
  const profile: SalesProfile = census?.profile ?? { rows: 0, firstDate: '', lastDate: '', unitSalesBins: [], promoRate: 0, returnRate: 0, familyShare: {} };

  const baselineManifest = o.baseline ? await readBaseline(o.baseline) : undefined;
  const before = baselineManifest?.profile;
  const fresh = checkFreshness(profile, before, rules, o.asOf);
  add('freshness', fresh.details, fresh.summary);
  const skip = `no baseline ${baselineManifest ? 'profile in' : 'at'} ${o.baseline ?? '(none given)'}; record one with validate --record-baseline`;
  for (const [check, verdict] of [['volume', before && checkVolume(profile, before, rules)], ['distribution', before && checkDistribution(profile, before, rules)]] as const) {
    if (verdict) add(check, verdict.details, verdict.summary);
    else results.set(check, { ok: true, summary: skip, details: [], skipped: true });
  }
  if (o.processedDir) {
    for (const file of ['train.csv', 'valid.csv']) {
      const c = await checkContract(join(o.processedDir, file), file);
      add('contract', c.details, c.summary);
    }
  } else results.set('contract', { ok: true, summary: 'no processed folder given', details: [], skipped: true });

  const checks = validationChecks.map((check): CheckResult => {
    const r = results.get(check) ?? { ok: true, summary: 'not run', details: [], skipped: true };
    return { check, status: 'skipped' in r && r.skipped ? 'skip' : r.ok ? 'pass' : 'fail', summary: r.summary, details: r.details };
  });
  return {
    stage: 'validate',
    ok: checks.every((c) => c.status !== 'fail'),
    rawDataVersion: manifest?.dataVersion ?? null,
    baselineDataVersion: baselineManifest?.dataVersion ?? null,
    checks,
    profile,
    baselineProfile: before ?? null,
  };
}

/** The baseline manifest with its profile parsed; undefined when there is no file (a first run). */
const baselineSchema = manifestSchema.extend({ profile: salesProfileSchema.optional() });
async function readBaseline(path: string): Promise<z.infer<typeof baselineSchema> | undefined> {
  try {
    return await readJsonFile(path, baselineSchema, { what: 'baseline manifest' });
  } catch (error) {
    if (error instanceof FileError && error.code === 'FILE_MISSING') return undefined;
    throw error;
  }
}

/**
 * The header of a raw CSV file, read from its first 64 KiB only, without a byte-order mark; the
 * error to report when the file is missing or cannot be read.
 */
async function readHeader(dir: string, file: string): Promise<string[] | Error> {
  try {
    const handle = await open(join(dir, file));
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
      const text = buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '');
      return parseCsvLine(text.split('\n')[0]!.replace(/\r$/, ''));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return rawFileError(error, dir, file);
  }
}
