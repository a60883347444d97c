import { integer } from '@cd4ml/cli';
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_ACTUALS_ROTATION } from '../actuals/actuals-store.ts';
import { WHEN_FULL } from '../prediction-log/prediction-log.ts';
import { DEFAULT_SHUTDOWN_GRACE_MS } from './shutdown.ts';

const MiB = 1024 * 1024;

/**
 * Adds the standard serving options to `command`: the platform starts every release with the
 * same arguments (`app.json`'s `start`), so every model app accepts them. Each has an environment
 * fallback; only `--model` is required, and no path has a default.
 *
 * `--model` (MODEL_DIR), `--host` (HOST, 127.0.0.1), `--port` (PORT, 3000; 0 picks a free one),
 * `--actuals` (ACTUALS_FILE), `--actuals-max-bytes`, `--actuals-keep`, `--prediction-log`
 * (PREDICTION_LOG; stdout without it), `--prediction-log-max-unwritten`, `--prediction-log-when-full`,
 * `--prediction-log-max-bytes`, `--prediction-log-keep`, `--shutdown-grace` (SHUTDOWN_GRACE_MS) and
 * `--release` (CD4ML_RELEASE: the release id, for `model_info`).
 * @example const options = addServeOptions(new Command('rentals-web').description('...')).parse().opts()
 */
export function addServeOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(command: Command<Args, Opts, Globals>) {
  return command
    .addOption(new Option('--model <dir>', "model folder: the gate stage's output (model.onnx, model.json, gates.json, manifest.json)").env('MODEL_DIR').makeOptionMandatory())
    .addOption(new Option('--host <address>', 'interface to listen on; 0.0.0.0 (or ::) for every interface, as in a container').env('HOST').default('127.0.0.1'))
    .addOption(new Option('--port <n>', 'listening port; 0 picks a free one').env('PORT').argParser(integer({ min: 0, max: 65535 })).default(3000))
    .addOption(new Option('--actuals <file>', 'append posted actuals to this JSON-lines file; without it POST /api/v1/actuals answers 503').env('ACTUALS_FILE'))
    .addOption(new Option('--actuals-max-bytes <n>', 'rotate the actuals file past this size').env('ACTUALS_MAX_BYTES').argParser(integer({ min: 1024 })).default(DEFAULT_ACTUALS_ROTATION.maxBytes))
    .addOption(new Option('--actuals-keep <n>', 'rotated actuals files kept (actuals.jsonl.1 is the newest)').env('ACTUALS_KEEP').argParser(integer({ min: 1, max: 1000 })).default(DEFAULT_ACTUALS_ROTATION.keep))
    .addOption(new Option('--prediction-log <file>', 'append the prediction log (JSON lines) to this file instead of stdout').env('PREDICTION_LOG'))
    .addOption(
      new Option('--prediction-log-max-unwritten <lines>', 'the most answered predictions whose log lines may be unwritten: the worst-case loss of a hard crash (0: every answer waits for its lines)')
        .env('PREDICTION_LOG_MAX_UNWRITTEN')
        .argParser(integer({ min: 0 }))
        .default(1000),
    )
    .addOption(
      new Option('--prediction-log-when-full <policy>', 'past that bound: wait (the answer waits for its lines: backpressure) or shed (drop the lines, counted in prediction_log_dropped_total)')
        .env('PREDICTION_LOG_WHEN_FULL')
        .choices(WHEN_FULL)
        .default('wait' as const),
    )
    .addOption(new Option('--prediction-log-max-bytes <n>', 'rotate the prediction log file past this size').env('PREDICTION_LOG_MAX_BYTES').argParser(integer({ min: 1024 })).default(256 * MiB))
    .addOption(new Option('--prediction-log-keep <n>', 'rotated prediction log files kept').env('PREDICTION_LOG_KEEP').argParser(integer({ min: 1, max: 1000 })).default(4))
    .addOption(new Option('--shutdown-grace <ms>', 'after SIGTERM, in-flight requests get this long; then the process exits 1, saying how many were dropped').env('SHUTDOWN_GRACE_MS').argParser(integer({ min: 0 })).default(DEFAULT_SHUTDOWN_GRACE_MS))
    .addOption(new Option('--release <id>', "the release this process serves, shown in model_info's release_id (the platform sets it)").env('CD4ML_RELEASE').default(''));
}

/** The parsed standard serving options. */
export type ServeOptions = ReturnType<ReturnType<typeof addServeOptions<[], Record<never, never>, Record<never, never>>>['opts']>;
