import { runMain } from '@cd4ml/data';
import { Command, InvalidArgumentError } from 'commander';
import { defaultIngestOptions, ingest } from './ingest.ts';

const program = new Command('ingest')
  .description('Validate a raw Favorita-schema snapshot, denormalize it and split it by time.')
  .requiredOption('--raw <dir>', 'raw snapshot directory (with manifest.json)')
  .requiredOption('--out <dir>', 'output directory for train.csv, valid.csv, quarantine.csv and the report')
  .option('--validation-days <n>', 'days at the end held out for validation', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--validation-days must be a positive integer.');
    return n;
  }, defaultIngestOptions.validationDays);

await runMain(async () => {
  const opts = program.parse().opts<{ raw: string; out: string; validationDays: number }>();
  const started = performance.now();
  const r = await ingest(opts.raw, opts.out, { validationDays: opts.validationDays });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `ingested ${opts.raw} -> ${opts.out} in ${seconds}s: ${r.rows.in} rows in = ${r.rows.train} train + ${r.rows.valid} valid ` +
      `+ ${r.rows.quarantined} quarantined + ${r.rows.excludedByPolicy.returns} returns excluded`,
  );
  console.log(`train ${r.split.trainStart}..${r.split.trainEnd}, validation ${r.split.validStart}..${r.split.validEnd}`);
  if (r.rows.quarantined > 0) console.log(`see ${opts.out}/quarantine.csv for the quarantined rows and their reasons`);
});
