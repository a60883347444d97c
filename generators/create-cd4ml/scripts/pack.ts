// `npm pack` / `npm publish` run this (prepack): it bundles the CLI into dist/cli.js and writes
// every template, read from this repository, into dist/templates/<name>.json, so the tarball is
// self-contained and the templates in it are exactly the repository's files.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';
import { templateNames } from '../src/options.ts';
import { loadTemplateFiles, packedTemplatePath, type packedTemplateSchema } from '../src/template-files.ts';

const packageRoot = join(import.meta.dirname, '..');
const dist = join(packageRoot, 'dist');
await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'templates'), { recursive: true });

const dependencies = Object.keys(z.object({ dependencies: z.record(z.string(), z.string()) }).parse((await import('../package.json', { with: { type: 'json' } })).default).dependencies);
await build({
  entryPoints: [join(packageRoot, 'src/cli.ts')],
  outfile: join(dist, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: dependencies,
  logLevel: 'warning',
});

for (const template of templateNames) {
  // Read from the repository even if an older dist/ exists: it was removed above.
  const files = loadTemplateFiles(template, packageRoot);
  const packed: z.infer<typeof packedTemplateSchema> = { template, files: files.map((f) => ({ path: f.path, base64: Buffer.from(f.bytes).toString('base64'), executable: f.executable })) };
  await writeFile(packedTemplatePath(packageRoot, template), JSON.stringify(packed));
  console.log(`packed ${template}: ${files.length} files`);
}
