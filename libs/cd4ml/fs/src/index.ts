export { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
export { recoverDir, replaceDirAtomic } from './replace-dir.ts';
export { FileError, fileErrorFrom, fileWriteErrorFrom, type FileErrorCode } from './file-error.ts';
export { parseWith, readJsonFile, readTextFile, readYamlFile, type ReadOptions } from './read-file.ts';
export { findWorkspaceRoot } from './workspace-root.ts';
