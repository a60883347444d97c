#!/usr/bin/env node
// Inside the cd4ml repository, the TypeScript source runs through tsx (a dev dependency there), so
// a change is tried without a build; the packed package has no src/ and runs the bundle in dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href);
}
