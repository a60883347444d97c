import { constants, existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readJsonFile, writeFileAtomic } from '@cd4ml/fs';
import { codeVersion, GATES_FILE, gateReportSchema, MODEL_FILE, readArtifactFiles, sha256 } from '@cd4ml/model-artifact';
import { APP_DESCRIPTOR_FILE, appDescriptorSchema } from '../app-descriptor.ts';
import { DeployError } from '../deploy-error.ts';
import { contentId, hashFile, listFilesDeep } from './hash-files.ts';
import { readRelease, RELEASE_MANIFEST, type Release, type ReleaseManifest } from './release-manifest.ts';

/** What a release is made of. */
export interface PackageOptions {
  /** The app's build output: `app.json` and the bundled files (its `manifest.json` is the build's, not copied). */
  appDir: string;
  /** The gated model artifact: every file checked against its manifest, `gates.json` passed and written for this model. */
  modelDir: string;
  releasesDir: string;
  /** Where the app's runtime files and the lockfile are found. */
  workspaceRoot: string;
  /** @default "package-lock.json" */
  lockfile?: string;
}

/**
 * Makes an immutable release in `<releasesDir>/<id>/`: the app's bundle, its runtime files, the
 * gated model under `model/`, and `release.json` (code commit and dirty flag, raw and processed
 * data versions, model version and sha256, gate results, lockfile hash, every file's sha256). The
 * id is derived from the content, so the same app and model make the same release; one that exists
 * is verified and reused, never rewritten. The folder is built under a temporary name and renamed
 * into place, so a kill at any moment leaves no release or the whole release.
 */
export async function packageRelease(o: PackageOptions): Promise<{ release: Release; created: boolean }> {
  const app = await readJsonFile(join(o.appDir, APP_DESCRIPTOR_FILE), appDescriptorSchema, { what: 'app descriptor (written by the app build)' });
  const { files: modelFiles } = await readArtifactFiles(o.modelDir, 'Gate a model first: npx nx run <model>:gate');
  const gatesBytes = modelFiles.get(GATES_FILE);
  if (!gatesBytes) throw new DeployError('MODEL_NOT_GATED', `${o.modelDir} has no ${GATES_FILE}: package the gate stage's output, not the train stage's.`);
  const gates = gateReportSchema.parse(JSON.parse(Buffer.from(gatesBytes).toString('utf8')));
  const onnxSha = sha256(modelFiles.get(MODEL_FILE) ?? new Uint8Array());
  if (!gates.passed) throw new DeployError('MODEL_NOT_GATED', `${join(o.modelDir, GATES_FILE)} says model ${gates.modelVersion} failed its gates (${gates.results.filter((r) => !r.passed).map((r) => r.gate).join(', ')}): it cannot be released.`);
  if (gates.modelSha256 !== onnxSha) throw new DeployError('MODEL_NOT_GATED', `${join(o.modelDir, GATES_FILE)} was written for model.onnx ${gates.modelSha256.slice(0, 12)}, but the model is ${onnxSha.slice(0, 12)}: gate this model.`);

  // Every file of the release, by its path inside the release, with where it comes from.
  const sources = new Map<string, string>();
  for (const f of await listFilesDeep(o.appDir)) if (f !== 'manifest.json') sources.set(f, join(o.appDir, f));
  for (const entry of app.runtime) {
    const abs = join(o.workspaceRoot, entry);
    if (!existsSync(abs)) throw new DeployError('RELEASE_INVALID', `${join(o.appDir, APP_DESCRIPTOR_FILE)}: runtime file ${entry} does not exist in ${o.workspaceRoot}. Install the dependencies (npm ci) or fix the app's build.`);
    if ((await stat(abs)).isDirectory()) for (const f of await listFilesDeep(abs)) sources.set(`${entry}/${f}`, join(abs, f));
    else sources.set(entry, abs);
  }
  for (const name of modelFiles.keys()) sources.set(`model/${name}`, join(o.modelDir, name));
  sources.set('model/manifest.json', join(o.modelDir, 'manifest.json'));
  const files: Record<string, string> = {};
  for (const [path, from] of sources) files[path] = await hashFile(from);
  const id = contentId(files, JSON.stringify(app)).slice(0, 16);

  const target = join(o.releasesDir, id);
  if (existsSync(join(target, RELEASE_MANIFEST))) return { release: await readRelease(o.releasesDir, id, { verify: true }), created: false };
  const manifest: ReleaseManifest = {
    formatVersion: 1,
    id,
    createdAt: new Date().toISOString(),
    app,
    code: codeVersion(o.workspaceRoot),
    model: { name: gates.name, version: gates.modelVersion, sha256: gates.modelSha256, dir: 'model' },
    data: { raw: gates.rawDataVersion, processed: gates.processedDataVersion },
    gates,
    lockfileSha256: await hashFile(join(o.workspaceRoot, o.lockfile ?? 'package-lock.json')),
    files,
  };
  await removeDeadTemporaries(o.releasesDir);
  const tmp = join(o.releasesDir, `.tmp-${id}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const [path, from] of sources) {
      await mkdir(dirname(join(tmp, path)), { recursive: true });
      await copyFile(from, join(tmp, path), constants.COPYFILE_FICLONE);
      await chmod(join(tmp, path), 0o444);
    }
    await writeFileAtomic(join(tmp, RELEASE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await chmod(join(tmp, RELEASE_MANIFEST), 0o444);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    // Another packager made the same release meanwhile: same content, same id.
    if (existsSync(join(target, RELEASE_MANIFEST))) return { release: await readRelease(o.releasesDir, id, { verify: true }), created: false };
    throw error;
  }
  return { release: { dir: target, manifest }, created: true };
}

/** Temporaries left by packagers that were killed (their pid is gone). */
async function removeDeadTemporaries(releasesDir: string): Promise<void> {
  for (const name of await readdir(releasesDir).catch(() => [] as string[])) {
    const pid = Number(/^\.tmp-[0-9a-f]+-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) await rm(join(releasesDir, name), { recursive: true, force: true });
  }
}
