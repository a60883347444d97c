export { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
export { csvFileStats, type FileStats } from './file-stats.ts';
export {
  buildManifest,
  ManifestError,
  manifestSchema,
  readManifest,
  verifyManifest,
  writeManifest,
  type Manifest,
} from './manifest.ts';
export { SeededRandom } from './seeded-random.ts';
export { CsvWriter, csvField } from './csv-writer.ts';
export { createProgress, type Progress } from './progress.ts';
export { runMain } from './run-main.ts';
export { replaceDirAtomic } from './replace-dir.ts';
