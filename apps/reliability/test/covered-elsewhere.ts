/** A probe that a project's own tests already make: the suite names it instead of making it twice. */
export interface CoveredProbe {
  probe: string;
  expected: string;
  /** The project whose `test` target runs it (part of `npm test` too). */
  project: string;
  file: string;
  /** The test's name, as written in the file. */
  test: string;
}

export const coveredElsewhere: readonly CoveredProbe[] = [
  {
    probe: 'train.csv: a row with too many fields',
    expected: 'quarantined, with the field count in the reason',
    project: 'sales-data',
    file: 'libs/sales/data/src/ingest/ingest.test.ts',
    test: 'quarantines a row with an extra field instead of training on it',
  },
  {
    probe: 'train.csv: two rows glued by a missing line break',
    expected: 'both rows counted and quarantined; the reconciliation counts physical lines',
    project: 'sales-data',
    file: 'libs/sales/data/src/ingest/ingest.test.ts',
    test: 'counts both rows of two lines glued by a missing line break, and quarantines them saying so',
  },
  { probe: 'a CSV header with a byte-order mark', expected: 'the BOM stripped, the columns found', project: 'sales-data', file: 'libs/sales/data/src/ingest/ingest-messages.test.ts', test: 'strips a byte-order mark from a CSV header' },
  { probe: 'train.csv with CRLF line ends', expected: 'read like LF', project: 'sales-data', file: 'libs/sales/data/src/ingest/ingest.test.ts', test: 'reads CRLF line ends like LF ones' },
  { probe: 'an empty train.csv', expected: 'ingest stops, naming the file and the header it expected', project: 'sales-data', file: 'libs/sales/data/src/ingest/ingest.test.ts', test: 'an empty train.csv' },
  {
    probe: 'a kill between the two renames of any folder swap (the platform function)',
    expected: 'the next reader puts the previous folder back',
    project: 'cd4ml-fs',
    file: 'libs/cd4ml/fs/src/replace-dir.test.ts',
    test: 'leaves the old folder aside, and the next reader puts it back at the real path',
  },
  {
    probe: 'train on a full disk (ENOSPC on its run record)',
    expected: 'the previous model and runs stay; the error names the run record file',
    project: 'sales-model',
    file: 'libs/sales/model/src/train/train-sales-model.test.ts',
    test: 'writes the run record before the artifact swap: when it fails, the previous model and runs stay, and the error names the file',
  },
  {
    probe: 'actuals posted on a full disk (ENOSPC through the writer the route takes)',
    expected: '507 INSUFFICIENT_STORAGE; the file as it was; the cause logged with the request id; the next post readable',
    project: 'sales-web',
    file: 'apps/sales-web/test/actuals.test.ts',
    test: 'answers 507 on a full disk, keeps nothing of that post, logs the cause with the request id, and stays readable',
  },
  {
    probe: 'actuals: a full disk whose truncation fails too',
    expected: 'the torn last line skipped and reported by readers, cut off by the next post',
    project: 'cd4ml-serving',
    file: 'libs/cd4ml/serving/src/actuals/actuals-store.test.ts',
    test: 'when even the truncation fails, says so, and the next post cuts the torn line off before appending',
  },
  {
    probe: 'a prediction log that cannot be written',
    expected: 'reported once; serving goes on; every line lost is counted as dropped',
    project: 'cd4ml-serving',
    file: 'libs/cd4ml/serving/src/prediction-log/prediction-log.test.ts',
    test: 'reports an unwritable destination once, in plain words, and keeps accepting records without throwing',
  },
  {
    probe: "model.json statistics altered, its manifest rewritten to match",
    expected: 'the holdout replay refuses the model: /ready 503 naming holdout.json, model.onnx and model.json',
    project: 'sales-web',
    file: 'apps/sales-web/test/main.test.ts',
    test: 'starts alive but not ready (503 naming the file) when %s',
  },
  { probe: 'a registry file that is not JSON', expected: 'refused, naming the file', project: 'cd4ml-registry', file: 'libs/cd4ml/registry/src/registry.test.ts', test: 'refuses a registry file that is not JSON, naming it, instead of a bare parse error' },
  { probe: 'a registry file with a wrong field', expected: 'refused, naming the file and the field', project: 'cd4ml-registry', file: 'libs/cd4ml/registry/src/registry.test.ts', test: 'refuses a broken registry file, naming the file and the field' },
  {
    probe: 'a corrupt run record among good ones',
    expected: 'skipped and reported by name; the others still listed, shown and diffed',
    project: 'cd4ml-registry',
    file: 'libs/cd4ml/registry/src/registry.test.ts',
    test: 'skips and reports a corrupt record, naming the file, and keeps the others usable',
  },
  {
    probe: 'a stored candidate whose model.onnx was replaced',
    expected: 'refused against its content address, naming it',
    project: 'cd4ml-registry',
    file: 'libs/cd4ml/registry/src/registry.test.ts',
    test: 'refuses a stored candidate whose model no longer matches its content address, naming it',
  },
];
