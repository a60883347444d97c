#!/usr/bin/env node
// The packed package runs the bundle in dist/; inside the cd4ml repository, the TypeScript source
// through tsx (a dev dependency there), so a change is tried without a build.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
