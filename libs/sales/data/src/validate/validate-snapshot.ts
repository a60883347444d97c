import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, verifyManifest, type Manifest } from '@cd4ml/data';
import { parseCsvLine } from '@cd4ml/data';
import { rawFileNames, rawFiles } from '@cd4ml/sales-schema';
import { parseIsoDate } from '@cd4ml/calendar';
import { parseHolidays, parseItems, parseStores } from '../ingest/parse-reference.ts';
import { readRawTable } from '../ingest/read-raw.ts';
import { checkDistribution, checkFreshness, checkVolume, defaultBaselineRules, type BaselineRules, type Verdict } from './compare-baseline.ts';
import { checkContract } from './contract-check.ts';
import { censusTrain, rowChecks, type SalesProfile } from './train-census.ts';

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

  for (const file of rawFileNames) {
    const header = await readHeader(join(rawDir, file));
    if (header === undefined) add('schema', [`${file}: missing from ${rawDir}`], `${file} missing`);
    else {
      const missing = rawFiles[file].filter((c) => !header.includes(c));
      add('schema', missing.length ? [`${file}: missing column(s) ${missing.join(', ')}; expected ${rawFiles[file].join(',')}, found ${header.join(',')}`] : [], `${file} header`);
    }
  }

  const familyOf = new Map<number, string>();
  const storeNbrs = new Set<number>();
  const reference = async (file: 'items.csv' | 'stores.csv' | 'holidays_events.csv', use: (t: Awaited<ReturnType<typeof readRawTable>>) => void) => {
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

  const latest = o.asOf ? parseIsoDate(o.asOf)! : Math.floor(Date.now() / 86_400_000) + 1;
  const trainPath = join(rawDir, 'train.csv');
  const census = (await stat(trainPath).catch(() => undefined))
    ? await censusTrain(trainPath, familyOf, storeNbrs, latest)
    : undefined;
  for (const check of rowChecks) {
    const p = census?.problems[check];
    if (p) add(check, p.count ? [`train.csv: ${p.count.toLocaleString('en')} row(s) fail, e.g.`, ...p.examples.map((e) => `  ${e}`)] : [], `train.csv ${p.count} failing row(s)`);
  }
  const profile: SalesProfile = census?.profile ?? { rows: 0, firstDate: '', lastDate: '', unitSalesBins: [], promoRate: 0, returnRate: 0, familyShare: {} };

  const baselineManifest = o.baseline ? await readManifest(o.baseline).catch(() => undefined) : undefined;
  const before = baselineManifest?.profile as SalesProfile | undefined;
  const fresh = checkFreshness(profile, before, rules, o.asOf);
  add('freshness', fresh.details, fresh.summary);
  const skip = `no baseline profile${o.baseline ? ` in ${o.baseline}` : ''}; record one with validate --record-baseline`;
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

/** The header of a CSV file, read from its first 64 KiB only; undefined when the file is missing. */
async function readHeader(path: string): Promise<string[] | undefined> {
  const handle = await open(path).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
    const text = buffer.toString('utf8', 0, bytesRead);
    return parseCsvLine(text.split('\n')[0]!.replace(/\r$/, ''));
  } finally {
    await handle.close();
  }
}
