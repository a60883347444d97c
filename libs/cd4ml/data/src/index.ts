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
