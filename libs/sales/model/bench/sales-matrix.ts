// BENCH ONLY, never imported by src/: writes the sales model's feature matrix as a matrix file
// (@cd4ml/trees/bench/matrix-file) for the trainer's comparison with scikit-learn, so that both
// trainers see realistic data (see trees-vs-sklearn.ts).
//   npx tsx libs/sales/model/bench/sales-matrix.ts --data <processed dir> --out <file>
// The features are built as libs/sales/model/src/train/train-sales-model.ts builds them
// (item statistics from the training rows only, FeatureBuilder, target log1p(unit_sales)), on all
// training rows: the timing runs have early stopping off, so no days are held back to watch it.
// The table is read line by line (only the 5 leading columns matter; family comes from the catalogue).
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readJsonFile } from '@cd4ml/fs';
import { createFeatureSpec, FeatureBuilder, featureNames, fitItemStats, type StatsRow } from '@cd4ml/sales-features';
import { referenceTablesSchema, salesTableColumns } from '@cd4ml/sales-schema';
import { writeMatrixFile } from '@cd4ml/trees/bench/matrix-file';

type Row = StatsRow & { store_nbr: number };

async function readRows(path: string, family: Map<number, string>): Promise<Row[]> {
  const rows: Row[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      if (!line.startsWith(salesTableColumns.slice(0, 5).join(','))) throw new Error(`${path}: unexpected header ${line}; re-run ingest`);
      header = false;
      continue;
    }
    const [date = '', store, item, sales, promo] = line.split(',', 5);
    const itemNbr = Number(item);
    rows.push({ date, item_nbr: itemNbr, family: family.get(itemNbr) ?? '', onpromotion: promo === 'true', unit_sales: Number(sales), store_nbr: Number(store) });
  }
  return rows;
}

const { values: args } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!args.data || !args.out) {
  console.error('usage: sales-matrix.ts --data <processed dir> --out <matrix file>');
  process.exitCode = 2;
} else {
  const reference = await readJsonFile(join(args.data, 'reference.json'), referenceTablesSchema, { what: 'reference tables (written by ingest)' });
  const family = new Map(reference.items.map((i) => [i.item_nbr, i.family]));
  const train = await readRows(join(args.data, 'train.csv'), family);
  const valid = await readRows(join(args.data, 'valid.csv'), family);
  const features = new FeatureBuilder(createFeatureSpec(reference, fitItemStats(train)));
  const nCols = features.nFeatures;
  const build = (rows: Row[]) => {
    const values = new Float32Array(rows.length * nCols);
    rows.forEach((r, i) => features.write(r, values, i));
    return { x: { values, nRows: rows.length, nCols }, y: Float64Array.from(rows, (r) => Math.log1p(r.unit_sales)) };
  };
  // NWRMSLE weights, as the sales model scores: perishable items count 1.25
  const perishable = new Map(reference.items.map((i) => [i.item_nbr, i.perishable]));
  const weights = Float64Array.from(valid, (r) => (perishable.get(r.item_nbr) ? 1.25 : 1));
  await writeMatrixFile(args.out, { featureNames: [...featureNames], source: `sales features of ${args.data}`, train: build(train), valid: { ...build(valid), weights } });
  console.log(`wrote ${args.out}: ${train.length} training rows, ${valid.length} validation rows, ${nCols} features`);
}
