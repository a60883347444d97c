import { join } from 'node:path';
import { readManifest, writeManifest } from '@cd4ml/data';
import { replaceDirAtomic, writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { runMain } from '@cd4ml/cli';
import { Command, InvalidArgumentError } from 'commander';
import { defaultBaselineRules } from './compare-baseline.ts';
import { validateSnapshot } from './validate-snapshot.ts';
import { validationReportHtml, validationSummary } from './validation-report.ts';

const ratio = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative number.`);
  return n;
};

const program = new Command('validate')
  .description('Data tests on the actual data: schema, types, ranges, nulls, keys, references, freshness, volume and distribution shift\nagainst the previous snapshot, and the processed tables against the sales table contract.\nWrites validation.json and validation.html; exits 1 when a check fails.')
  .requiredOption('--raw <dir>', 'raw snapshot directory (with manifest.json)')
  .requiredOption('--out <dir>', 'report directory (replaced atomically)')
  .option('--processed <dir>', 'processed directory to check against the sales table contract')
  .option('--baseline <file>', 'previous snapshot: a committed manifest with a profile, e.g. data/snapshots/default.manifest.json')
  .option('--record-baseline', 'when every check passes, write this snapshot (manifest + profile) to --baseline: the new "previous snapshot"')
  .option('--as-of <date>', 'today for the freshness check (YYYY-MM-DD)')
  .option('--volume-tolerance <x>', 'largest relative row-count change against the baseline', ratio('--volume-tolerance'), defaultBaselineRules.volumeTolerance)
  .option('--max-psi <x>', 'largest population stability index before a shift fails', ratio('--max-psi'), defaultBaselineRules.maxPsi)
  .option('--max-age-days <n>', 'largest age of the latest date before --as-of', ratio('--max-age-days'), defaultBaselineRules.maxAgeDays)
  .addHelpText('after', '\nExample:\n  validate --raw data/raw/default --processed data/processed/default --baseline data/snapshots/default.manifest.json --out data/reports/default');

interface Options {
  raw: string;
  out: string;
  processed?: string;
  baseline?: string;
  recordBaseline?: boolean;
  asOf?: string;
  volumeTolerance: number;
  maxPsi: number;
  maxAgeDays: number;
}

await runMain(async () => {
  const o = program.parse().opts<Options>();
  if (o.recordBaseline && !o.baseline) throw Object.assign(new Error('--record-baseline needs --baseline <file> to write to.'), { code: 'EARG' });
  const result = await validateSnapshot(o.raw, {
    baseline: o.baseline,
    processedDir: o.processed,
    asOf: o.asOf,
    rules: { volumeTolerance: o.volumeTolerance, maxPsi: o.maxPsi, maxAgeDays: o.maxAgeDays },
  });
  await replaceDirAtomic(o.out, async (tmp) => {
    await writeJsonAtomic(join(tmp, 'validation.json'), result);
    await writeFileAtomic(join(tmp, 'validation.html'), validationReportHtml(result));
  });
  console.log(validationSummary(result));
  console.log(`report: ${join(o.out, 'validation.html')} and validation.json`);
  if (!result.ok) {
    const failed = result.checks.filter((c) => c.status === 'fail').map((c) => c.check);
    throw Object.assign(new Error(`data validation failed: ${failed.join(', ')}. See the details above and ${join(o.out, 'validation.html')}.`), { code: 'DATA_INVALID' });
  }
  if (o.recordBaseline && o.baseline) {
    const manifest = await readManifest(join(o.raw, 'manifest.json'));
    await writeManifest(o.baseline, { ...manifest, profile: { ...result.profile } });
    console.log(`recorded ${o.baseline} (data version ${manifest.dataVersion.slice(0, 12)}) as the previous snapshot for the next validation`);
  }
});
