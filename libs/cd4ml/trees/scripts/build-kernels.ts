// Writes src/kernels-wasm.ts from src/kernels.wat. Run it after editing kernels.wat:
//   npx tsx libs/cd4ml/trees/scripts/build-kernels.ts
// kernels.test.ts fails while the two disagree.
import { join } from 'node:path';
import { writeFileAtomic } from '@cd4ml/fs';
import { compileKernels } from '../src/compile-kernels.ts';

const out = join(import.meta.dirname, '..', 'src', 'kernels-wasm.ts');
const base64 = await compileKernels();
await writeFileAtomic(out, `// Generated from kernels.wat by scripts/build-kernels.ts: do not edit.\nexport const kernelsWasm = '${base64}';\n`);
console.log(`build-kernels: wrote ${out}`);
