import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

/** kernels.wat compiled to WebAssembly with wabt (npm's build of wat2wasm), as base64. */
export async function compileKernels(): Promise<string> {
  const wabt = await wabtInit();
  const file = join(import.meta.dirname, 'kernels.wat');
  const module = wabt.parseWat(file, readFileSync(file, 'utf8'), { threads: true, bulk_memory: true });
  try {
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}
