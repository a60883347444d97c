export { csvFileStats, type FileStats } from './file-stats.ts';
export { buildManifest, ManifestError, manifestSchema, readManifest, verifyManifest, writeManifest, type Manifest } from './manifest.ts';
export { CsvWriter, csvField } from './csv-writer.ts';
export { csvLines, parseCsvLine, type NumberedLine } from './csv-lines.ts';
export { DirectoryStore, StoreError, type ContentStore } from './snapshot/content-store.ts';
export { diffManifests, formatChanges, type FileChange } from './snapshot/diff-manifest.ts';
export { pullSnapshot, pushSnapshot } from './snapshot/push-pull.ts';
export { checkContractSnapshot, shapeDrift, snapshotPath, tableShape, tableShapeSchema, type ColumnShape, type TableShape } from './table-shape.ts';
