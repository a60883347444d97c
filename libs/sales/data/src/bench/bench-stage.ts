/**
 * Runs one data stage in its own process and prints one JSON line with its phases' seconds and the
 * process's peak memory, so each stage's peak is measured alone. Used by bench.ts only.
 */
import { generateSnapshot } from '../generate/generate-snapshot.ts';
import { ingest } from '../ingest/ingest.ts';
import { validateSnapshot } from '../validate/validate-snapshot.ts';

const [stage, input = '', output = '', optionsJson = '{}'] = process.argv.slice(2);
const phases: Record<string, number> = {};
const started = performance.now();
let rows = 0;
if (stage === 'generate') {
  const manifest = await generateSnapshot(output, JSON.parse(optionsJson));
  rows = manifest.files['train.csv']?.rows ?? 0;
} else if (stage === 'ingest') {
  const report = await ingest(input, output, JSON.parse(optionsJson), { onPhase: (name, ms) => (phases[name] = ms / 1000) });
  rows = report.rows.in;
} else if (stage === 'validate') {
  const result = await validateSnapshot(input, { processedDir: output });
  rows = result.profile.rows;
} else {
  throw new Error(`unknown stage ${stage}`);
}
const seconds = (performance.now() - started) / 1000;
const peakMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ stage, rows, seconds, peakMiB, phases })}\n`);
