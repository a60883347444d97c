export { CliError } from './cli-error.ts';
export { integer, integerList, isoDate, number } from './options.ts';
export { createProgress, type Progress } from './progress.ts';
export { runMain } from './run-main.ts';
